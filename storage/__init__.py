"""All of Tend's SQL lives in this package; every query is scoped by the owning user's id."""
