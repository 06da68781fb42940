"""A believable demo enterprise (华信能源集团) for trying the platform; see `seed_demo`."""
