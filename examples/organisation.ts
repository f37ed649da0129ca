/**
 * An engineering organisation's automations, one stack per team: the ones named in GitLab's own guidance
 * (merge-request hygiene, triage, test reports, retrospectives, runner releases, mirroring) plus registry
 * pulls from a cluster, package publishing, a cross-project CI package pull and an external trigger.
 *
 * Each automation says what it does; the library picks the identity. Read the synthesized inventory of
 * choices in cdktf.out/stacks/<team>/cdk.tf.json.
 */
import { App, Aspects, LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GitlabProvider } from '@cdktf/provider-gitlab/lib/provider';
import { AutomationIdentity, Capability, Delivery, IdentityPolicy, IdentityPolicyChecks, IdentitySuppressions, Reach, Runtime } from '../lib/public';

/** One policy for the whole organisation: shared by every identity. */
export const organisationPolicy: IdentityPolicy = {
  maxLifetimeDays: 90,
  defaultLifetimeDays: 60,
  defaultRotateBeforeDays: 14,
  serviceAccountGroup: 'gitlab-org',
  contactEmail: 'automation-owners@example.com',
  // gitlab-org lives on GitLab.com, on Ultimate: every identity kind but a bot user's token exists there.
  platform: { offering: 'gitlab.com', tier: 'ultimate' },
};

/** A team's stack: its own GitLab provider, configured from the environment at plan time, not at synth. */
class TeamStack extends TerraformStack {
  public constructor(scope: Construct, team: string) {
    super(scope, team);
    // An explicit backend: cdktf's default writes the absolute working directory into the synthesized JSON,
    // which would make output depend on where synth runs. Terraform runs in cdktf.out/stacks/<team>, so this
    // keeps state next to cdktf.json. Real organisations use a remote backend (GitLab-managed state via
    // HttpBackend, S3, ...): tokens are in the state, so it must be access-controlled and encrypted.
    new LocalBackend(this, { path: `../../../terraform.${team}.tfstate` });
    // Token and URL come from GITLAB_TOKEN / GITLAB_BASE_URL when terraform runs.
    new GitlabProvider(this, 'gitlab', {});
    // The bindings pin provider 18.6.1, whose token rotation fails with "inconsistent result after apply"
    // (fixed in 18.8.0, and for service-account tokens on group paths in 18.8.1): GLID-020. Raise it.
    this.addOverride('terraform.required_providers.gitlab.version', '>= 18.8.1');
  }
}

/**
 * Service accounts get organisationPolicy.contactEmail (plus-tagged per account). GitLab keeps an account with
 * a custom address inactive until the address is confirmed, unless the group has verified the domain: this
 * organisation verified example.com in gitlab-org (Settings > Domain verification), which GLID-019 asks for.
 */
function verifiedEmailDomain(stack: TerraformStack): void {
  IdentitySuppressions.add(stack, [
    { id: 'GLID-019', reason: 'example.com is a verified domain of gitlab-org, so service accounts with these addresses are active at once' },
  ]);
}

function engineeringProductivity(app: App): void {
  const stack = new TeamStack(app, 'engineering-productivity');
  verifiedEmailDomain(stack);

  // Danger posts review hints and labels on merge requests, from MR pipelines of gitlab-org/gitlab.
  const danger = new AutomationIdentity(stack, 'danger-review', {
    owner: 'eng-prod',
    purpose: 'danger-review',
    runtime: Runtime.ciPipeline('gitlab-org/gitlab'),
    reach: Reach.project('gitlab-org/gitlab'),
    capabilities: [Capability.API_TRIAGE],
    policy: organisationPolicy,
    // MR pipelines run on unprotected branches: the variable cannot be protected.
    deliverTo: Delivery.ciVariable({ project: 'gitlab-org/gitlab', key: 'DANGER_GITLAB_API_TOKEN', protected: false }),
  });
  IdentitySuppressions.add(danger, [
    { id: 'GLID-014', reason: 'Danger runs in merge-request pipelines on unprotected branches; the token is reporter-only' },
  ]);

  // Scheduled triage: reminders, reports and restricted quick actions across gitlab-org.
  new AutomationIdentity(stack, 'triage-scheduled', {
    owner: 'eng-prod',
    purpose: 'triage-scheduled',
    runtime: Runtime.ciPipeline('gitlab-org/quality/triage-ops'),
    reach: Reach.group('gitlab-org', { projectCount: 350 }),
    capabilities: [Capability.API_READ, Capability.API_TRIAGE, Capability.API_MAINTAIN],
    policy: organisationPolicy,
    deliverTo: Delivery.ciVariable({ project: 'gitlab-org/quality/triage-ops', key: 'GITLAB_API_TOKEN' }),
  });

  // Real-time triage: a web service reacting to issue and merge-request webhooks.
  new AutomationIdentity(stack, 'triage-reactive', {
    owner: 'eng-prod',
    purpose: 'triage-reactive',
    runtime: Runtime.external(),
    reach: Reach.group('gitlab-org', { projectCount: 350 }),
    capabilities: [Capability.API_READ, Capability.API_TRIAGE],
    policy: organisationPolicy,
    deliverTo: Delivery.ciVariable({ project: 'gitlab-org/quality/triage-serverless', key: 'GITLAB_API_TOKEN', environmentScope: 'production' }),
  });
}

function quality(app: App): void {
  const stack = new TeamStack(app, 'quality');

  // Posts the end-to-end Allure report on merge requests that ran against a review app.
  const allure = new AutomationIdentity(stack, 'allure-report', {
    owner: 'quality',
    purpose: 'allure-report',
    runtime: Runtime.ciPipeline('gitlab-org/gitlab'),
    reach: Reach.project('gitlab-org/gitlab'),
    capabilities: [Capability.API_TRIAGE],
    policy: organisationPolicy,
    deliverTo: Delivery.ciVariable({ project: 'gitlab-org/gitlab', key: 'ALLURE_REPORT_TOKEN', protected: false }),
    notifyExpiry: { url: 'https://alerts.example.com/gitlab/token-expiry' },
  });
  IdentitySuppressions.add(allure, [
    { id: 'GLID-014', reason: 'the report job runs in merge-request pipelines on unprotected branches; reporter-only token' },
  ]);

  // Asynchronous retrospectives: reads the team's issues and opens the retrospective issue.
  new AutomationIdentity(stack, 'async-retrospectives', {
    owner: 'quality',
    purpose: 'async-retrospectives',
    runtime: Runtime.ciPipeline('gitlab-org/async-retrospectives'),
    reach: Reach.project('gl-retrospectives/quality'),
    capabilities: [Capability.API_READ, Capability.API_WRITE],
    policy: organisationPolicy,
    lifetimeDays: 30,
    rotateBeforeDays: 7,
    deliverTo: Delivery.ciVariable({ project: 'gitlab-org/async-retrospectives', key: 'RETRO_GITLAB_TOKEN' }),
  });
}

function runnerDelivery(app: App): void {
  const stack = new TeamStack(app, 'runner-delivery');
  verifiedEmailDomain(stack);

  // Runner releases: tags, releases and version-bump merge requests across the runner projects.
  new AutomationIdentity(stack, 'runner-releases', {
    owner: 'runner',
    purpose: 'releases',
    runtime: Runtime.ciPipeline('gitlab-org/gitlab-runner'),
    reach: Reach.projects(['gitlab-org/gitlab-runner', 'gitlab-org/charts/gitlab-runner', 'gitlab-org/ci-cd/runner-tools/releaser']),
    capabilities: [Capability.REPOSITORY_WRITE, Capability.RELEASES_WRITE, Capability.API_WRITE],
    policy: organisationPolicy,
    ensureBotAuthoredLabel: true,
    deliverTo: Delivery.ciVariable({ project: 'gitlab-org/gitlab-runner', key: 'RELEASE_BOT_TOKEN' }),
  });

  // The runner project publishes its packages to its own package registry from its own pipelines.
  new AutomationIdentity(stack, 'runner-packages', {
    owner: 'runner',
    purpose: 'package-publish',
    runtime: Runtime.ciPipeline('gitlab-org/gitlab-runner'),
    reach: Reach.project('gitlab-org/gitlab-runner'),
    capabilities: [Capability.PACKAGE_REGISTRY_WRITE],
    policy: organisationPolicy,
  });

  // The helper-images pipeline pulls the runner's packages: a cross-project CI package pull.
  new AutomationIdentity(stack, 'helper-images-package-pull', {
    owner: 'runner',
    purpose: 'helper-package-pull',
    runtime: Runtime.ciPipeline('gitlab-org/ci-cd/runner-tools/helper-images'),
    reach: Reach.project('gitlab-org/gitlab-runner'),
    capabilities: [Capability.PACKAGE_REGISTRY_READ],
    policy: organisationPolicy,
  });
}

function distribution(app: App): void {
  const stack = new TeamStack(app, 'distribution');
  verifiedEmailDomain(stack);

  // Mirrors dependency projects of omnibus-gitlab into the build mirror group.
  new AutomationIdentity(stack, 'omnibus-mirror', {
    owner: 'distribution',
    purpose: 'omnibus-mirror',
    runtime: Runtime.external(),
    reach: Reach.projects(['gitlab-org/omnibus-gitlab', 'gitlab-org/build/omnibus-mirror/gitlab']),
    capabilities: [Capability.REPOSITORY_READ, Capability.REPOSITORY_WRITE],
    policy: organisationPolicy,
    deliverTo: Delivery.ciVariable({ project: 'gitlab-org/build/omnibus-mirror/mirror-tools', key: 'MIRROR_TOKEN' }),
  });

  // A Kubernetes cluster pulls the cloud-native images. It re-reads its pull secret only when it syncs, so
  // two slots: a renewal never revokes the value the cluster still holds.
  new AutomationIdentity(stack, 'cng-image-pull', {
    owner: 'distribution',
    purpose: 'cng-image-pull',
    runtime: Runtime.external(),
    reach: Reach.project('gitlab-org/build/cng'),
    capabilities: [Capability.CONTAINER_REGISTRY_READ],
    policy: organisationPolicy,
    overlap: true,
    deliverTo: Delivery.ciVariable({ project: 'gitlab-org/distribution/cluster-config', key: 'CNG_REGISTRY_TOKEN' }),
  });

  // An external build system publishes packages to the omnibus package registry.
  new AutomationIdentity(stack, 'omnibus-package-publish', {
    owner: 'distribution',
    purpose: 'omnibus-package-publish',
    runtime: Runtime.external(),
    reach: Reach.project('gitlab-org/omnibus-gitlab'),
    capabilities: [Capability.PACKAGE_REGISTRY_WRITE],
    policy: organisationPolicy,
    deliverTo: Delivery.ciVariable({ project: 'gitlab-org/distribution/build-farm', key: 'OMNIBUS_PACKAGES_TOKEN' }),
  });

  // An external scheduler starts the nightly omnibus build pipeline.
  new AutomationIdentity(stack, 'nightly-build-trigger', {
    owner: 'distribution',
    purpose: 'nightly-trigger',
    runtime: Runtime.external(),
    reach: Reach.project('gitlab-org/build/omnibus-gitlab-mirror'),
    capabilities: [Capability.PIPELINE_TRIGGER],
    policy: organisationPolicy,
    deliverTo: Delivery.ciVariable({ project: 'gitlab-org/distribution/scheduler', key: 'NIGHTLY_TRIGGER_TOKEN' }),
  });
}

/** Declares every team's stack in `app`, and the stack-wide policy checks. */
export function buildOrganisation(app: App): App {
  Aspects.of(app).add(new IdentityPolicyChecks({ policy: organisationPolicy }));
  engineeringProductivity(app);
  quality(app);
  runnerDelivery(app);
  distribution(app);
  return app;
}
