"""The commendation pipeline: rounds, proposals, routing, council sessions and the secret ballot, decisions."""
