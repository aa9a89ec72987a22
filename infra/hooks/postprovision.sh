#!/usr/bin/env bash
# azd postprovision hook (after `azd provision`, before `azd deploy` in `azd up`):
#   1. adds https://<app>/.auth/login/aad/callback to the app registration's redirect URIs (and ID token issuance,
#      which App Service sign-in uses);
#   2. creates (or corrects) the federated credential that lets App Service Authentication sign in to Entra with the
#      app's managed identity instead of a client secret, or says exactly why it cannot;
#   3. lists the API permissions staff sign-in needs on the registration and prints the admin-consent URL;
#   4. waits until the managed identity's role assignments exist and have had time to apply, so the code deploy and
#      the app's first start find their storage and Key Vault access in place.
# docs/deploy.md explains each step. Tested by AzdHookTests with stub az and azd commands.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CREDENTIAL_NAME="app-service-auth"
# Microsoft Graph and its delegated permissions the sign-in asks for (openid, profile, email, offline_access).
GRAPH_APP_ID="00000003-0000-0000-c000-000000000000"
GRAPH_SCOPES="37f7f235-527c-4136-accd-4a02d197296e=Scope 14dad69e-099b-42c9-810b-d002981feec1=Scope 64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0=Scope 7427e0e9-2fba-42fe-b0c0-848c9e6a8182=Scope"

: "${ENTRA_CLIENT_ID:?ENTRA_CLIENT_ID is not set}"
: "${SERVICE_API_ENDPOINT_URL:?SERVICE_API_ENDPOINT_URL is not set: did azd provision finish?}"
: "${AZURE_USER_ASSIGNED_IDENTITY_PRINCIPAL_ID:?AZURE_USER_ASSIGNED_IDENTITY_PRINCIPAL_ID is not set}"
: "${AZURE_TENANT_ID:?AZURE_TENANT_ID is not set}"
subscription_tenant="$AZURE_TENANT_ID"
staff_tenant="${ENTRA_TENANT_ID:-$AZURE_TENANT_ID}"
principal="$AZURE_USER_ASSIGNED_IDENTITY_PRINCIPAL_ID"
settle_seconds="${ROLE_ASSIGNMENT_SETTLE_SECONDS:-300}"
timeout_seconds="${ROLE_ASSIGNMENT_TIMEOUT_SECONDS:-900}"
poll_seconds="${ROLE_ASSIGNMENT_POLL_SECONDS:-15}"
problems=()

say "==> After provisioning (infra/hooks/postprovision.sh)"

# 1. Redirect URI
callback="${SERVICE_API_ENDPOINT_URL%/}/.auth/login/aad/callback"
mapfile -t uris < <(az ad app show --id "$ENTRA_CLIENT_ID" --query "web.redirectUris[]" -o tsv | sed "/^$/d")
if printf '%s\n' "${uris[@]}" | grep -qx "$callback"; then
  say "ok    redirect URI $callback is registered"
else
  az ad app update --id "$ENTRA_CLIENT_ID" --web-redirect-uris "${uris[@]}" "$callback" --enable-id-token-issuance true
  say "ok    added redirect URI $callback"
fi

# 2. Federated credential for the managed identity
issuer="https://login.microsoftonline.com/$subscription_tenant/v2.0"
if [[ "$staff_tenant" != "$subscription_tenant" ]]; then
  say "NOT DONE  federated credential: the app registration is in tenant $staff_tenant, the managed identity in tenant"
  say "          $subscription_tenant. Entra accepts a managed identity as a federated credential only for an app"
  say "          registration in the identity's own tenant (error AADSTS700236 otherwise). Use a client secret in"
  say "          Key Vault instead: docs/deploy.md, \"Fallback: a client secret in Key Vault\"."
  problems+=("federated credential (tenants differ)")
else
  existing=$(az ad app federated-credential list --id "$ENTRA_CLIENT_ID" --query "[?name=='$CREDENTIAL_NAME'].subject | [0]" -o tsv)
  body=$(printf '{"name":"%s","issuer":"%s","subject":"%s","audiences":["api://AzureADTokenExchange"],"description":"App Service Authentication of the BraFunctions app signs in with its managed identity"}' \
    "$CREDENTIAL_NAME" "$issuer" "$principal")
  if [[ "$existing" == "$principal" ]]; then
    say "ok    federated credential $CREDENTIAL_NAME trusts the managed identity $principal"
  elif [[ -n "$existing" ]] && output=$(az ad app federated-credential update --id "$ENTRA_CLIENT_ID" --federated-credential-id "$CREDENTIAL_NAME" --parameters "$body" 2>&1); then
    say "ok    federated credential $CREDENTIAL_NAME now trusts the managed identity $principal (it trusted $existing)"
  elif [[ -z "$existing" ]] && output=$(az ad app federated-credential create --id "$ENTRA_CLIENT_ID" --parameters "$body" 2>&1); then
    say "ok    created federated credential $CREDENTIAL_NAME for the managed identity $principal"
  else
    say "NOT DONE  federated credential: Entra refused it:"
    say "          ${output//$'\n'/ }"
    say "          Staff sign-in fails at the callback until it exists. Create it by hand (docs/deploy.md, step 6) or use"
    say "          the Key Vault client secret fallback."
    problems+=("federated credential (refused)")
  fi
fi

# 3. API permissions and admin consent
scope_id=$(az ad app show --id "$ENTRA_CLIENT_ID" --query "api.oauth2PermissionScopes[?value=='$API_SCOPE'].id | [0]" -o tsv)
listed=$(az ad app show --id "$ENTRA_CLIENT_ID" --query "requiredResourceAccess[].resourceAccess[].id" -o tsv)
if ! grep -qx "$scope_id" <<<"$listed"; then
  az ad app permission add --id "$ENTRA_CLIENT_ID" --api "$ENTRA_CLIENT_ID" --api-permissions "$scope_id=Scope" --only-show-errors
  say "ok    listed the permission $API_SCOPE (its own API) on the app registration"
fi
missing_graph=()
for permission in $GRAPH_SCOPES; do
  grep -qx "${permission%=Scope}" <<<"$listed" || missing_graph+=("$permission")
done
if ((${#missing_graph[@]} > 0)); then
  az ad app permission add --id "$ENTRA_CLIENT_ID" --api "$GRAPH_APP_ID" --api-permissions "${missing_graph[@]}" --only-show-errors
  say "ok    listed the Microsoft Graph permissions openid, profile, email, offline_access"
fi
say "ACTION    admin consent (required wherever users may not consent themselves): a Global Administrator,"
say "          Privileged Role Administrator or Cloud Application Administrator of tenant $staff_tenant opens"
say "          https://login.microsoftonline.com/$staff_tenant/adminconsent?client_id=$ENTRA_CLIENT_ID"
say "          and accepts (or runs: az ad app permission admin-consent --id $ENTRA_CLIENT_ID)."

# 4. Role assignments of the managed identity
expected=()
[[ -n "${AZURE_HOST_STORAGE_ACCOUNT_NAME:-}" ]] && expected+=(
  "Storage Blob Data Owner|/storageAccounts/$AZURE_HOST_STORAGE_ACCOUNT_NAME"
  "Storage Queue Data Contributor|/storageAccounts/$AZURE_HOST_STORAGE_ACCOUNT_NAME"
  "Storage Table Data Contributor|/storageAccounts/$AZURE_HOST_STORAGE_ACCOUNT_NAME")
[[ -n "${AZURE_DATA_STORAGE_ACCOUNT_NAME:-}" ]] && expected+=(
  "Storage Blob Data Contributor|/storageAccounts/$AZURE_DATA_STORAGE_ACCOUNT_NAME"
  "Storage Table Data Contributor|/storageAccounts/$AZURE_DATA_STORAGE_ACCOUNT_NAME")
[[ -n "${AZURE_KEY_VAULT_NAME:-}" ]] && expected+=("Key Vault Secrets User|/vaults/$AZURE_KEY_VAULT_NAME")

deadline=$(($(date -u +%s) + timeout_seconds))
while :; do
  assignments=$(az role assignment list --assignee "$principal" --all --query "[].[roleDefinitionName, scope, createdOn]" -o tsv)
  absent=()
  newest=0
  for item in "${expected[@]}"; do
    role="${item%%|*}" scope="${item#*|}"
    line=$(awk -F'\t' -v role="$role" -v scope="$scope" '$1 == role && tolower($2) ~ tolower(scope) "$"' <<<"$assignments" | head -n 1)
    if [[ -z "$line" ]]; then
      absent+=("$role on ${scope#/}")
    else
      created=$(epoch_of "$(cut -f3 <<<"$line")")
      ((created > newest)) && newest=$created
    fi
  done
  now=$(date -u +%s)
  if ((${#absent[@]} == 0)); then
    wait_for=$((newest + settle_seconds - now))
    if ((wait_for <= 0)); then
      say "ok    the managed identity's ${#expected[@]} role assignments exist and are at least ${settle_seconds}s old"
      break
    fi
    if ((now + wait_for > deadline)); then
      wait_for=$((deadline - now))
    fi
    if ((wait_for <= 0)); then
      say "ok    the managed identity's role assignments exist (younger than ${settle_seconds}s; timeout reached)"
      break
    fi
    say "wait  role assignments exist; giving Azure ${wait_for}s more to apply them before the code is deployed"
    sleep "$wait_for"
    continue
  fi
  if ((now >= deadline)); then
    refuse "the managed identity $principal still lacks: ${absent[*]}" \
      "Check the deployment (az deployment sub show -n <env>) and run azd provision again."
  fi
  say "wait  role assignments not yet visible: ${absent[*]}"
  sleep "$poll_seconds"
done

if ((${#problems[@]} > 0)); then
  say "==> Done, with manual steps left: ${problems[*]} (see above)"
else
  say "==> Done"
fi
