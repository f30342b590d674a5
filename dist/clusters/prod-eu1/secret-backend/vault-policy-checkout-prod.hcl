# Vault policy tenant-checkout-prod: tenant checkout, environment prod, namespace checkout-prod on prod-eu1.
# Read only the environment's secrets; nothing else of the store.
path "secret/data/checkout/prod/*" {
  capabilities = ["read"]
}

path "secret/metadata/checkout/prod/*" {
  capabilities = ["read", "list"]
}
