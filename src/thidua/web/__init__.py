"""The pages of the domain apps (units, people, their history, the home page): the layer above
organizations, people, records and accounts that composes them. Each view parses the request,
calls one selector or service and renders; nothing here writes to the database itself."""
