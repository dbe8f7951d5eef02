"""On air: the station's schedule, the player that airs it at its times and logs what actually went out."""
