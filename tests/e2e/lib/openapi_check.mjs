// Checks a JSON value against a schema of our assembled OpenAPI document, so a test can prove
// the API answers what the published contract says. Only the keywords our fragments use are
// understood (type, enum, const, required, properties, additionalProperties, items, pattern,
// minimum, maximum, $ref); meeting any other keyword is an error, so the checker never passes
// a schema it did not read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {execFileSync} from 'node:child_process';
import {createRequire} from 'node:module';
import {repo} from './harness.mjs';

// The yaml package the OpenAPI assembler installs (scripts/openapi), not one of our own.
const YAML = createRequire(path.join(repo, 'scripts/openapi/package.json'))('yaml');

// Assembled fresh from docs/api, as the build does, so the test reads what the sources say.
export function loadOpenApi() {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mc-openapi-')), 'openapi.yaml');
  execFileSync(process.execPath, [path.join(repo, 'scripts/openapi/assemble.mjs'), '--out', out], {stdio: 'pipe'});
  return YAML.parse(fs.readFileSync(out, 'utf8'));
}

const KNOWN = new Set(['type', 'enum', 'const', 'required', 'properties', 'additionalProperties', 'items',
  'pattern', 'minimum', 'maximum', '$ref', 'description', 'examples', 'format', 'default']);

function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

// Returns a list of problems, each naming the JSON path; empty when the value conforms.
export function check(doc, schema, value, where = '$') {
  const problems = [];
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    if (!target) return [`${where}: unknown $ref ${schema.$ref}`];
    return check(doc, target, value, where);
  }
  for (const k of Object.keys(schema))
    if (!KNOWN.has(k)) problems.push(`${where}: schema keyword "${k}" is not understood by this checker`);
  const actual = typeOf(value);
  if (schema.type) {
    const types = [schema.type].flat();
    const ok = types.includes(actual) || (actual === 'integer' && types.includes('number'));
    if (!ok) return [...problems, `${where}: expected ${types.join('|')}, got ${actual}`];
  }
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${where}: ${JSON.stringify(value)} not in ${schema.enum}`);
  if ('const' in schema && schema.const !== value) problems.push(`${where}: expected ${JSON.stringify(schema.const)}`);
  if (schema.pattern && actual === 'string' && !new RegExp(schema.pattern, 'u').test(value))
    problems.push(`${where}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
  if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${where}: below ${schema.minimum}`);
  if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${where}: above ${schema.maximum}`);
  if (actual === 'object') {
    for (const k of schema.required ?? []) if (!(k in value)) problems.push(`${where}: missing "${k}"`);
    for (const [k, v] of Object.entries(value)) {
      const sub = schema.properties?.[k];
      if (sub) problems.push(...check(doc, sub, v, `${where}.${k}`));
      else if (schema.additionalProperties === false) problems.push(`${where}: unexpected "${k}"`);
      else if (typeof schema.additionalProperties === 'object')
        problems.push(...check(doc, schema.additionalProperties, v, `${where}.${k}`));
    }
  }
  if (actual === 'array' && schema.items)
    value.forEach((v, i) => problems.push(...check(doc, schema.items, v, `${where}[${i}]`)));
  return problems;
}

// The schema an operation documents for a status and media type.
export function responseSchema(doc, method, route, status, media = 'application/json') {
  let res = doc.paths?.[route]?.[method]?.responses?.[String(status)];
  if (!res) throw new Error(`${method.toUpperCase()} ${route} documents no ${status} answer`);
  if (res.$ref) res = doc.components.responses[res.$ref.replace('#/components/responses/', '')];
  const schema = res.content?.[media]?.schema;
  if (!schema) throw new Error(`${method.toUpperCase()} ${route} ${status} documents no ${media} body`);
  return schema;
}
