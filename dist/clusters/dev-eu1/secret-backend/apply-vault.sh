#!/bin/sh
# Vault roles and policies of the tenant SecretStores on dev-eu1; run with a token allowed to write policies and kubernetes auth roles.
set -eu
cd "$(dirname "$0")"
vault policy write tenant-catalog-search-dev vault-policy-catalog-search-dev.hcl
vault write auth/kubernetes/role/tenant-catalog-search-dev @vault-role-catalog-search-dev.json
vault policy write tenant-checkout-dev vault-policy-checkout-dev.hcl
vault write auth/kubernetes/role/tenant-checkout-dev @vault-role-checkout-dev.json
vault policy write tenant-data-analytics-dev vault-policy-data-analytics-dev.hcl
vault write auth/kubernetes/role/tenant-data-analytics-dev @vault-role-data-analytics-dev.json
vault policy write tenant-payments-dev vault-policy-payments-dev.hcl
vault write auth/kubernetes/role/tenant-payments-dev @vault-role-payments-dev.json
