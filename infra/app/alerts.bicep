// Alerts to an action group (one e-mail address), each on telemetry the app actually sends to Application Insights:
//
//   * failed function executions – the Functions host logs "Executed '<function>' (Failed, ...)" in the category
//     Function.<name> for every invocation that failed (host.json keeps these logs; only request telemetry is off);
//   * failed orchestrations – the Durable Functions extension in the host logs "<instance>: Function '<name>
//     (Orchestrator)' failed with an error" as an error (category Host.Triggers.DurableTask or Function.<name>,
//     depending on the extension's version, so the rule matches the text alone);
//   * health – a standard availability test GETs /api/health every 5 minutes from three EU locations and fails on
//     anything but 200 (503 means storage unreachable or mail misconfigured); the app also logs
//     "Health check: storage unreachable" (Bra.Core.Health.AlertedLogs);
//   * mail misconfigured – the app logs "Mail misconfigured: <reason>" when the SendGrid key is an unresolved Key Vault
//     reference or SendGrid refuses it (401/403), whether found by a health check or by a send.
//
// The texts are a contract with the code (Bra.Core.Health.AlertedLogs); TemplateTests reads the compiled template and
// fails when they part.

@description('Name of the action group.')
param actionGroupName string

@description('Azure region of the alert rules and the availability test.')
param location string

@description('Tags for the resources.')
param tags object

@description('Address the alerts are mailed to.')
param alertEmail string

@description('Name of the Application Insights component the rules query.')
param appInsightsName string

@description('Absolute URL of the health endpoint (https://<host>/api/health).')
param healthUrl string

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'bra-alerts'
    enabled: true
    emailReceivers: [
      {
        name: 'operations'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var healthTestName = 'health-${appInsightsName}'

// Standard availability test of /api/health. Location ids are Application Insights' test locations in the EU:
// West Europe (Amsterdam), North Europe (Dublin), France Central (Paris).
// https://learn.microsoft.com/azure/azure-monitor/app/availability-standard-tests
resource healthTest 'Microsoft.Insights/webtests@2022-06-15' = {
  name: healthTestName
  location: location
  tags: union(tags, {
    'hidden-link:${appInsights.id}': 'Resource'
  })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: healthTestName
    Name: 'Health (/api/health)'
    Enabled: true
    Frequency: 300
    Timeout: 30
    Kind: 'standard'
    RetryEnabled: true
    Locations: [
      {
        Id: 'emea-nl-ams-azr'
      }
      {
        Id: 'emea-gb-db3-azr'
      }
      {
        Id: 'emea-fr-pra-edge'
      }
    ]
    Request: {
      RequestUrl: healthUrl
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 7
    }
  }
}

var rules = [
  {
    name: 'failed-function-executions'
    displayName: 'BraFunctions: failed function executions'
    description: 'A function invocation failed (the host logged "Executed ... (Failed, ...)"). Find it: traces | where message has "(Failed,".'
    severity: 2
    query: 'traces | where tostring(customDimensions.Category) startswith "Function." | where message startswith "Executed \'" and message has "(Failed,"'
    threshold: 0
  }
  {
    name: 'failed-orchestrations'
    displayName: 'BraFunctions: failed orchestrations'
    description: 'A workflow (orchestration) failed: its consultation, agreement or camera request shows the state failed.'
    severity: 1
    query: 'traces | where message has "(Orchestrator)\' failed with an error"'
    threshold: 0
  }
  {
    name: 'health-unavailable'
    displayName: 'BraFunctions: /api/health not 200'
    description: 'The availability test of /api/health failed at least twice in 15 minutes (503: storage unreachable or mail misconfigured; or the app did not answer), or the app logged that it could not reach storage.'
    severity: 1
    query: 'union (availabilityResults | where name == "${healthTestName}" | where tostring(success) in ("0", "false", "False")), (traces | where message startswith "Health check: storage unreachable")'
    threshold: 1
  }
  {
    name: 'mail-misconfigured'
    displayName: 'BraFunctions: mail misconfigured'
    description: 'Mail cannot go out: the SendGrid key (Key Vault secret SendGridApiKey) is missing, unreadable or refused by SendGrid. Mail waits meanwhile; see docs/deploy.md.'
    severity: 1
    query: 'traces | where message startswith "Mail misconfigured"'
    threshold: 0
  }
]

resource alertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in rules: {
    name: '${rule.name}-${appInsightsName}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [
        appInsights.id
      ]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT15M'
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: rule.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: [
          actionGroup.id
        ]
      }
    }
  }
]

output actionGroupId string = actionGroup.id
