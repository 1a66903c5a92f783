#!/usr/bin/env node
/**
 * Validates an OpenAPI document read from stdin with @apidevtools/swagger-parser (schema, references,
 * unique operationIds). A separate process: the parser is an ES module, which Jest on Node 20 cannot
 * require. Prints "valid" and exits 0, or prints the parser's message and exits 1.
 */
import SwaggerParser from '@apidevtools/swagger-parser';

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;
try {
  await SwaggerParser.validate(JSON.parse(input));
  process.stdout.write('valid\n');
} catch (error) {
  process.stdout.write(`${error.message}\n`);
  process.exit(1);
}
