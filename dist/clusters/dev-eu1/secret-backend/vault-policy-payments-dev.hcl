# Vault policy tenant-payments-dev: tenant payments, environment dev, namespace payments-dev on dev-eu1.
# Read only the environment's secrets; nothing else of the store.
path "secret/data/payments/dev/*" {
  capabilities = ["read"]
}

path "secret/metadata/payments/dev/*" {
  capabilities = ["read", "list"]
}
