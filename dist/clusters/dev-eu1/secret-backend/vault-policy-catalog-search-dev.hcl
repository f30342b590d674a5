# Vault policy tenant-catalog-search-dev: tenant catalog-search, environment dev, namespace catalog-search-dev on dev-eu1.
# Read only the environment's secrets; nothing else of the store.
path "secret/data/catalog-search/dev/*" {
  capabilities = ["read"]
}

path "secret/metadata/catalog-search/dev/*" {
  capabilities = ["read", "list"]
}
