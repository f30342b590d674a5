# Vault policy tenant-checkout-dev: tenant checkout, environment dev, namespace checkout-dev on dev-eu1.
# Read only the environment's secrets; nothing else of the store.
path "secret/data/checkout/dev/*" {
  capabilities = ["read"]
}

path "secret/metadata/checkout/dev/*" {
  capabilities = ["read", "list"]
}
