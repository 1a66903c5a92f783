/** The C3VOC schemas vendored in tests/fixtures/schedule/ (see its SOURCE.md), as checks that list what is wrong. */
import fs from 'fs';
import path from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { validateXML } from 'xmllint-wasm';

const SPECS = path.resolve(__dirname, '..', 'fixtures', 'schedule');

let validateJson: ReturnType<Ajv['compile']> | null = null;

/** The JSON schema's errors for a schedule.json (none when it is valid). */
export function scheduleJsonErrors(body: unknown): unknown[] {
  if (!validateJson) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
    addFormats(ajv);
    ajv.addFormat('color', /^#[0-9a-fA-F]{6}$/);
    validateJson = ajv.compile(JSON.parse(fs.readFileSync(path.join(SPECS, 'schedule.schema.json'), 'utf8')));
  }
  return validateJson(body) ? [] : [...(validateJson.errors ?? [{ message: 'invalid' }])];
}

/** The XSD's errors for a schedule.xml (none when it is valid), read by libxml2 in WebAssembly. */
export async function scheduleXmlErrors(xml: string): Promise<unknown[]> {
  const xsd = { fileName: 'schedule.xml.xsd', contents: fs.readFileSync(path.join(SPECS, 'schedule.xml.xsd'), 'utf8') };
  const result = await validateXML({ xml: [{ fileName: 'schedule.xml', contents: xml }], schema: [xsd] });
  return result.valid ? [] : result.errors.length ? result.errors : [{ message: 'invalid' }];
}
