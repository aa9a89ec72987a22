#!/usr/bin/env bash
# azd preprovision hook: checks what it can before anything is created, and stops `azd provision`/`azd up` with the
# exact reason when something is missing:
#   * the required azd values are set, and the region is an EU region the template allows;
#   * azd and the Azure CLI are signed in (the CLI must be: the postprovision hook uses it for Entra);
#   * the region offers Flex Consumption (az functionapp list-flexconsumption-locations);
#   * the app registration ENTRA_CLIENT_ID exists, exposes the scope access_as_user, and the signed-in principal may
#     change it (owner, or Application/Cloud Application/Global Administrator), which the postprovision hook needs;
#   * the signed-in principal may create resources and role assignments in the subscription (Owner, or Contributor
#     plus User Access Administrator or Role Based Access Control Administrator).
# docs/deploy.md explains each step. Tested by AzdHookTests with stub az and azd commands.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

say "==> Checking before provisioning (infra/hooks/preprovision.sh)"

missing=()
for name in AZURE_LOCATION AZURE_SUBSCRIPTION_ID ENTRA_CLIENT_ID EMAIL_SENDER_ADDRESS ALERT_EMAIL ORGANISATION_NAME; do
  [[ -n "${!name:-}" ]] || missing+=("$name")
done
if ((${#missing[@]} > 0)); then
  refuse "these azd values are not set: ${missing[*]}" \
    "Set each with: azd env set NAME value   (see docs/deploy.md, step 2)"
fi

location="${AZURE_LOCATION,,}"
if [[ " $EU_REGIONS " != *" $location "* ]]; then
  refuse "AZURE_LOCATION '$AZURE_LOCATION' is not one of the EU regions the template allows." \
    "Allowed: $EU_REGIONS" "Run: azd env set AZURE_LOCATION swedencentral"
fi

if ! azd auth login --check-status >/dev/null 2>&1; then
  refuse "the Azure Developer CLI is not signed in." "Run: azd auth login"
fi
if ! az account show --only-show-errors >/dev/null 2>&1; then
  refuse "the Azure CLI is not signed in (the hooks use it for the app registration and role checks)." \
    "Run: az login --tenant <tenant-id>   then: az account set --subscription $AZURE_SUBSCRIPTION_ID"
fi
say "ok    signed in (azd and az)"

flex_regions=$(az functionapp list-flexconsumption-locations --query "[].name" -o tsv 2>/dev/null | tr '[:upper:]' '[:lower:]' | tr -d ' ' || true)
if ! grep -qx "$location" <<<"$flex_regions"; then
  refuse "the region '$location' does not offer the Flex Consumption plan (az functionapp list-flexconsumption-locations)." \
    "EU regions that offer it now: $(for r in $EU_REGIONS; do grep -qx "$r" <<<"$flex_regions" && printf '%s ' "$r"; done)" \
    "Run: azd env set AZURE_LOCATION <one of them>"
fi
say "ok    Flex Consumption is offered in $location"

if ! scope_id=$(az ad app show --id "$ENTRA_CLIENT_ID" --query "api.oauth2PermissionScopes[?value=='$API_SCOPE'].id | [0]" -o tsv 2>/dev/null); then
  refuse "no app registration with client id $ENTRA_CLIENT_ID is visible to the signed-in account." \
    "Create it first (docs/deploy.md, step 1) or correct: azd env set ENTRA_CLIENT_ID <application-client-id>"
fi
if [[ -z "$scope_id" ]]; then
  refuse "the app registration $ENTRA_CLIENT_ID does not expose the scope '$API_SCOPE'." \
    "Entra admin center: App registrations -> (the app) -> Expose an API -> Add a scope named $API_SCOPE (docs/deploy.md, step 1)."
fi
say "ok    app registration $ENTRA_CLIENT_ID exposes $API_SCOPE"

principal_type=$(az account show --query user.type -o tsv)
me=$(signed_in_object_id)
kind=users
[[ "$principal_type" == "servicePrincipal" ]] && kind=servicePrincipals
if ! may_change_app_registration "$me" "$ENTRA_CLIENT_ID" "$kind"; then
  refuse "the signed-in account may not change the app registration $ENTRA_CLIENT_ID (the postprovision hook sets its redirect URI and federated credential)." \
    "Needed: owner of the app registration, or the Entra role Application Administrator or Cloud Application Administrator." \
    "An administrator can add you as owner: az ad app owner add --id $ENTRA_CLIENT_ID --owner-object-id $me"
fi
say "ok    the signed-in account may change the app registration"

roles=$(az role assignment list --assignee "$me" --scope "/subscriptions/$AZURE_SUBSCRIPTION_ID" --include-inherited --include-groups \
  --query "[].roleDefinitionName" -o tsv 2>/dev/null || true)
has_role() { grep -qx "$1" <<<"$roles"; }
if ! has_role "Owner" && ! { has_role "Contributor" && { has_role "User Access Administrator" || has_role "Role Based Access Control Administrator"; }; }; then
  refuse "the signed-in account may not create resources and role assignments in subscription $AZURE_SUBSCRIPTION_ID." \
    "Needed on the subscription: Owner, or Contributor plus Role Based Access Control Administrator (or User Access Administrator)." \
    "Has: $(tr '\n' ',' <<<"$roles" | sed 's/,$//; s/,/, /g')"
fi
say "ok    the signed-in account may create resources and role assignments"
say "==> Checks passed"
