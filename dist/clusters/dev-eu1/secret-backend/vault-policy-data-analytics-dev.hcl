# Vault policy tenant-data-analytics-dev: tenant data-analytics, environment dev, namespace data-analytics-dev on dev-eu1.
# Read only the environment's secrets; nothing else of the store.
path "secret/data/data-analytics/dev/*" {
  capabilities = ["read"]
}

path "secret/metadata/data-analytics/dev/*" {
  capabilities = ["read", "list"]
}
