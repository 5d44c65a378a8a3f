// Validates Kubernetes objects offline, as the API server and the CloudNativePG CRDs would:
//   node validate.mjs NAME < objects.yaml      (multi-document YAML, e.g. the output of kubectl kustomize)
// Schemas: the npm packages kubernetes-models (Kubernetes) and @kubernetes-models/cloudnative-pg (CloudNativePG,
// including barman-cloud's object store configuration). Strict like `kubectl apply --validate=strict`: a field
// that the schema does not know is an error (a typo such as `replica:` or `readinessprobe:` must fail).
// Then a few cross-checks of names that the schemas cannot see (a Service selecting no pod, an HPA on a missing
// Deployment, a backup of a missing cluster...). Exit status 1 on any error.
import { parseAllDocuments } from "yaml";

const [name = "stdin"] = process.argv.slice(2);

// --- strict fields: record which properties the schema's validator looks at ---------------------------------
// The validators are compiled JSON schema (ajv): they read every property the schema declares (`data.x`) and
// enumerate the keys of maps (labels, data...). A key that the validator never read is unknown to the schema.
// An object whose keys were neither read nor enumerated is free-form (e.g. CNPG's plugin parameters): skipped.
const looked = new WeakMap();
const proxies = new WeakMap();

function watched(value) {
  if (value === null || typeof value !== "object") return value;
  if (proxies.has(value)) return proxies.get(value);
  const record = { keys: new Set(), enumerated: false };
  looked.set(value, record);
  const proxy = new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === "string" && !Array.isArray(target)) record.keys.add(key);
      return watched(Reflect.get(target, key, receiver));
    },
    has(target, key) {
      if (typeof key === "string") record.keys.add(key);
      return Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      if (typeof key === "string") record.keys.add(key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    ownKeys(target) {
      record.enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
  proxies.set(value, proxy);
  return proxy;
}

function unknownFields(value, path, out) {
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => unknownFields(item, `${path}/${i}`, out));
    return;
  }
  const record = looked.get(value);
  if (!record || (!record.enumerated && record.keys.size === 0)) return; // free-form or never reached
  for (const key of Object.keys(value)) {
    if (!record.enumerated && !record.keys.has(key)) {
      out.push(`${path}/${key}: unknown field`);
    } else {
      unknownFields(value[key], `${path}/${key}`, out);
    }
  }
}

function schemaErrors(err) {
  return (err.errors ?? []).map((e) => `${e.instancePath || "/"}: ${e.message}${e.params?.allowedValues ? ` (${e.params.allowedValues.join(", ")})` : ""}`);
}

/** Runs a kubernetes-models validator on `data` at `path`; returns error lines. */
function check(Model, data, path = "") {
  const out = [];
  try {
    Model.prototype.validate.call(watched(data));
  } catch (err) {
    if (!err.errors) throw err;
    out.push(...schemaErrors(err).map((line) => `${path}${line}`));
  }
  unknownFields(data, path, out);
  return out;
}

// --- where each kind's schema lives ------------------------------------------------------------------------
async function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const module =
    group === "" ? `kubernetes-models/${version}/${kind}`
    : group === "postgresql.cnpg.io" ? `@kubernetes-models/cloudnative-pg/${group}/${version}/${kind}`
    : `kubernetes-models/${group}/${version}/${kind}`;
  try {
    return (await import(module))[kind];
  } catch {
    return undefined;
  }
}

// The Barman Cloud plugin's ObjectStore has no published model. Its spec.configuration is barman-cloud's
// BarmanObjectStoreConfiguration, the same Go type CloudNativePG embeds, which the cloudnative-pg package has;
// the few other fields are checked here (plugin-barman-cloud api/v1/objectstore_types.go).
async function checkObjectStore(obj) {
  const { BarmanObjectStoreConfiguration } = await import("@kubernetes-models/cloudnative-pg/github.com/cloudnative-pg/barman-cloud/pkg/api/BarmanObjectStoreConfiguration");
  const { ObjectMeta } = await import("@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta");
  const { EnvVar, ResourceRequirements } = await import("kubernetes-models/v1");
  const out = [];
  const allowed = (o, keys, path) => Object.keys(o ?? {}).filter((k) => !keys.includes(k)).forEach((k) => out.push(`${path}/${k}: unknown field`));
  allowed(obj, ["apiVersion", "kind", "metadata", "spec"], "");
  out.push(...check(ObjectMeta, obj.metadata ?? {}, "/metadata"));
  const spec = obj.spec;
  if (!spec || typeof spec !== "object") return [...out, "/spec: required"];
  allowed(spec, ["configuration", "retentionPolicy", "instanceSidecarConfiguration"], "/spec");
  if (!spec.configuration) out.push("/spec/configuration: required");
  else {
    out.push(...check(BarmanObjectStoreConfiguration, spec.configuration, "/spec/configuration"));
    if (spec.configuration.serverName !== undefined) out.push("/spec/configuration/serverName: forbidden (use the plugin parameter serverName in the Cluster)");
  }
  if (spec.retentionPolicy !== undefined && !/^[1-9][0-9]*[dwm]$/.test(String(spec.retentionPolicy))) out.push("/spec/retentionPolicy: must match ^[1-9][0-9]*[dwm]$");
  const side = spec.instanceSidecarConfiguration;
  if (side !== undefined) {
    allowed(side, ["env", "retentionPolicyIntervalSeconds", "resources", "additionalContainerArgs", "logLevel"], "/spec/instanceSidecarConfiguration");
    (side.env ?? []).forEach((e, i) => out.push(...check(EnvVar, e, `/spec/instanceSidecarConfiguration/env/${i}`)));
    if (side.resources) out.push(...check(ResourceRequirements, side.resources, "/spec/instanceSidecarConfiguration/resources"));
    if (side.logLevel !== undefined && !["error", "warning", "info", "debug", "trace"].includes(side.logLevel)) out.push("/spec/instanceSidecarConfiguration/logLevel: must be error, warning, info, debug or trace");
  }
  return out;
}

// --- names the schemas cannot check ------------------------------------------------------------------------
function crossCheck(objects) {
  const out = [];
  const named = (kind, n) => objects.find((o) => o.kind === kind && o.metadata?.name === n);
  const podLabels = objects.filter((o) => o.kind === "Deployment").map((d) => d.spec?.template?.metadata?.labels ?? {});
  const selects = (sel) => podLabels.some((labels) => Object.entries(sel).every(([k, v]) => labels[k] === v));
  for (const o of objects) {
    const id = `${o.kind}/${o.metadata?.name}`;
    if (o.kind === "Service" && o.spec?.selector && !selects(o.spec.selector)) out.push(`${id}: selector matches no Deployment's pods`);
    if (o.kind === "PodDisruptionBudget" && !selects(o.spec?.selector?.matchLabels ?? {})) out.push(`${id}: selector matches no Deployment's pods`);
    if (o.kind === "HorizontalPodAutoscaler" && !named(o.spec?.scaleTargetRef?.kind, o.spec?.scaleTargetRef?.name)) out.push(`${id}: scaleTargetRef names no object here`);
    if (o.kind === "Ingress") {
      for (const rule of o.spec?.rules ?? []) for (const p of rule.http?.paths ?? []) {
        const svc = named("Service", p.backend?.service?.name);
        const port = p.backend?.service?.port;
        if (!svc) out.push(`${id}: backend service ${p.backend?.service?.name} does not exist`);
        else if (port?.name && !(svc.spec?.ports ?? []).some((sp) => sp.name === port.name)) out.push(`${id}: service ${svc.metadata.name} has no port ${port.name}`);
      }
    }
    if (["ScheduledBackup", "Backup", "Database", "Pooler"].includes(o.kind) && !named("Cluster", o.spec?.cluster?.name)) out.push(`${id}: cluster ${o.spec?.cluster?.name} does not exist`);
    if (o.kind === "Cluster") {
      for (const p of [...(o.spec?.plugins ?? []), ...(o.spec?.externalClusters ?? []).map((e) => e.plugin).filter(Boolean)]) {
        const store = p.parameters?.barmanObjectName;
        if (store && !named("ObjectStore", store)) out.push(`${id}: ObjectStore ${store} does not exist`);
      }
      if (o.spec?.bootstrap?.initdb && o.spec?.bootstrap?.recovery) out.push(`${id}: bootstrap has both initdb and recovery`);
    }
    if (o.kind === "Deployment") {
      for (const v of o.spec?.template?.spec?.volumes ?? []) {
        if (v.configMap && !named("ConfigMap", v.configMap.name) && !v.configMap.optional) out.push(`${id}: volume ${v.name}: ConfigMap ${v.configMap.name} does not exist`);
      }
      for (const c of o.spec?.template?.spec?.containers ?? []) {
        for (const e of c.envFrom ?? []) {
          if (e.configMapRef && !named("ConfigMap", e.configMapRef.name) && !e.configMapRef.optional) out.push(`${id}: ConfigMap ${e.configMapRef.name} does not exist`);
        }
        for (const probe of ["readinessProbe", "livenessProbe", "startupProbe"]) {
          if (!c[probe]) out.push(`${id}: container ${c.name} has no ${probe}`);
        }
        if (!c.resources?.requests || !c.resources?.limits) out.push(`${id}: container ${c.name} needs resource requests and limits`);
      }
    }
  }
  return out;
}

// --- main -------------------------------------------------------------------------------------------------
const text = await new Promise((resolve) => {
  let s = "";
  process.stdin.setEncoding("utf8").on("data", (d) => (s += d)).on("end", () => resolve(s));
});
const errors = [];
const objects = [];
for (const doc of parseAllDocuments(text)) {
  if (doc.errors.length) {
    errors.push(`YAML: ${doc.errors[0].message}`);
    continue;
  }
  const obj = doc.toJS();
  if (obj == null) continue;
  objects.push(obj);
}
for (const obj of objects) {
  const id = `${obj.kind}/${obj.metadata?.name}`;
  let problems;
  if (!obj.apiVersion || !obj.kind) problems = ["apiVersion and kind are required"];
  else if (obj.apiVersion === "barmancloud.cnpg.io/v1" && obj.kind === "ObjectStore") problems = await checkObjectStore(obj);
  else {
    const Model = await modelOf(obj.apiVersion, obj.kind);
    problems = Model ? check(Model, obj) : [`no schema for ${obj.apiVersion} ${obj.kind} in the npm packages`];
  }
  errors.push(...problems.map((p) => `${id} ${p}`));
}
errors.push(...crossCheck(objects));

if (errors.length) {
  console.error(`k8s-check: ${name}: ${errors.length} error(s) in ${objects.length} objects`);
  for (const e of errors) console.error(`  ${e}`);
  process.exit(1);
}
const kinds = [...new Set(objects.map((o) => o.kind))].join(", ");
console.log(`k8s-check: ${name}: ${objects.length} objects valid (${kinds})`);
