#!/bin/sh
# Vault roles and policies of the tenant SecretStores on prod-eu1; run with a token allowed to write policies and kubernetes auth roles.
set -eu
cd "$(dirname "$0")"
vault policy write tenant-catalog-search-prod vault-policy-catalog-search-prod.hcl
vault write auth/kubernetes/role/tenant-catalog-search-prod @vault-role-catalog-search-prod.json
vault policy write tenant-checkout-prod vault-policy-checkout-prod.hcl
vault write auth/kubernetes/role/tenant-checkout-prod @vault-role-checkout-prod.json
vault policy write tenant-payments-prod vault-policy-payments-prod.hcl
vault write auth/kubernetes/role/tenant-payments-prod @vault-role-payments-prod.json
