# Shared by the azd hooks (sourced, not run). Bash; needs the Azure CLI (az) signed in to the deployment's tenant.

# EU regions the template allows (infra/main.bicep, param location @allowed; AzdHookTests keeps the two lists equal).
EU_REGIONS="swedencentral northeurope westeurope francecentral germanywestcentral italynorth polandcentral spaincentral"

# The scope the staff pages and scripts ask for (infra/app/api.bicep, apiScope).
API_SCOPE="access_as_user"

# Built-in Entra directory roles that may change any app registration (template ids, the same in every tenant):
# Global Administrator, Application Administrator, Cloud Application Administrator.
APP_ADMIN_ROLE_TEMPLATES="62e90394-69f5-4237-9190-012177145e10 9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3 158c047a-c907-4556-b7ef-446551a6b5f7"

say() { printf '%s\n' "$*"; }
refuse() {
  printf '\nSTOPPED: %s\n' "$1" >&2
  shift
  for line in "$@"; do printf '  %s\n' "$line" >&2; done
  exit 1
}

# The signed-in principal's object id in Entra (a user, or the service principal a pipeline signs in as).
signed_in_object_id() {
  local type name
  type=$(az account show --query user.type -o tsv)
  name=$(az account show --query user.name -o tsv)
  if [[ "$type" == "servicePrincipal" ]]; then
    az ad sp show --id "$name" --query id -o tsv
  else
    az ad signed-in-user show --query id -o tsv
  fi
}

# Whether the principal is an owner of the app registration or holds a directory role that may change it.
may_change_app_registration() {
  local me="$1" client_id="$2" kind="$3" owners roles role
  owners=$(az ad app owner list --id "$client_id" --query "[].id" -o tsv 2>/dev/null || true)
  if grep -qx "$me" <<<"$owners"; then
    return 0
  fi
  roles=$(az rest --method get --url "https://graph.microsoft.com/v1.0/$kind/$me/transitiveMemberOf/microsoft.graph.directoryRole" \
    --query "value[].roleTemplateId" -o tsv 2>/dev/null || true)
  for role in $APP_ADMIN_ROLE_TEMPLATES; do
    if grep -qx "$role" <<<"$roles"; then
      return 0
    fi
  done
  return 1
}

# Seconds since the epoch of an ISO 8601 time as az prints it (GNU date, or BSD date on macOS).
epoch_of() {
  local iso="$1"
  date -u -d "$iso" +%s 2>/dev/null || date -u -j -f "%Y-%m-%dT%H:%M:%S" "${iso%%.*}" +%s
}
