# Vault policy tenant-payments-prod: tenant payments, environment prod, namespace payments-prod on prod-onprem1.
# Read only the environment's secrets; nothing else of the store.
path "secret/data/payments/prod/*" {
  capabilities = ["read"]
}

path "secret/metadata/payments/prod/*" {
  capabilities = ["read", "list"]
}
