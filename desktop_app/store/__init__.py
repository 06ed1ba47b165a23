"""The encrypted field store: vault (SQLCipher + key slots), schema, migrations, write services."""
