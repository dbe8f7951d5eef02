"""Sound: the one ffmpeg/pydub module, metering, levels, mixing, mastering, delivery, tags, default jingles."""
