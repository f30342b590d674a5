# Vault policy tenant-catalog-search-prod: tenant catalog-search, environment prod, namespace catalog-search-prod on prod-eu1.
# Read only the environment's secrets; nothing else of the store.
path "secret/data/catalog-search/prod/*" {
  capabilities = ["read"]
}

path "secret/metadata/catalog-search/prod/*" {
  capabilities = ["read", "list"]
}
