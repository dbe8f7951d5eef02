"""The broadcast log: records, the SQLite schema, the store, the hash chain, exchange between stations."""
