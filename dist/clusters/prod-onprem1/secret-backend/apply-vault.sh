#!/bin/sh
# Vault roles and policies of the tenant SecretStores on prod-onprem1; run with a token allowed to write policies and kubernetes auth roles.
set -eu
cd "$(dirname "$0")"
vault policy write tenant-payments-prod vault-policy-payments-prod.hcl
vault write auth/kubernetes/role/tenant-payments-prod @vault-role-payments-prod.json
