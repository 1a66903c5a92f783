/**
 * The README's curl examples, run as written against the app with the demo content.
 *
 * Each `curl` command is read from the README's code blocks as a shell reads it (quotes, `\` line
 * continuations, comments, `$VARIABLES`, pipes and redirections), then translated into the same
 * request through supertest, so that the suite needs no curl. The translation refuses what it does
 * not understand, and what curl or the shell would not run as written: a URL with `[ ] { }` and no
 * `-g` (curl's own globbing rejects `filters[slug]`), or one left unquoted with `? * [` in it (zsh
 * stops with "no matches found"). Every answer must be a success or a refusal the README documents,
 * never a 5xx, and each example must say what the README says it says; a `| jq` filter must find values.
 */
import fs from 'fs';
import path from 'path';
import { api, demoData, seedModule } from '../harness/factories';

const README = fs.readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');
const SEEDED_AT = '2026-11-23T12:00:00.000Z';

// --- reading the README as a shell would ------------------------------------------------------------

interface Word {
  text: string;
  /** A `? * [` outside quotes: the shell would try to expand it as a file name. */
  unquotedGlob: boolean;
}
type Token = { word: Word } | { operator: '|' | '>' };
interface Command {
  /** The command as the README writes it, for messages. */
  source: string;
  segments: Word[][];
  redirectedTo?: string;
}

/** Splits shell text into commands (newline, `;`, `&&`), each into pipeline segments of words. */
function readShell(text: string, variables: Record<string, string>): Command[] {
  const commands: Command[] = [];
  let tokens: Token[] = [];
  let word: Word | null = null;
  let start = 0;
  const endWord = () => {
    if (word) tokens.push({ word });
    word = null;
  };
  const endCommand = (at: number, width: number) => {
    endWord();
    if (tokens.length > 0) commands.push(toCommand(tokens, text.slice(start, at).trim()));
    tokens = [];
    start = at + width;
  };
  const expand = (from: number): [string, number] => {
    const name = /^[A-Za-z_]\w*/.exec(text.slice(from + 1))?.[0];
    if (!name) return ['$', from + 1];
    if (!(name in variables)) throw new Error(`$${name} is not set by the test`);
    return [variables[name], from + 1 + name.length];
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2; // a line continuation
    } else if (c === '\\') {
      word ??= { text: '', unquotedGlob: false };
      word.text += text[i + 1];
      i += 2;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      word ??= { text: '', unquotedGlob: false };
      word.text += text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      word ??= { text: '', unquotedGlob: false };
      i += 1;
      while (text[i] !== '"') {
        if (text[i] === '$') {
          const [value, next] = expand(i);
          word.text += value;
          i = next;
        } else {
          word.text += text[i] === '\\' ? text[++i] : text[i];
          i += 1;
        }
      }
      i += 1;
    } else if (c === '#' && !word) {
      i = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
    } else if (c === '\n' || c === ';' || (c === '&' && text[i + 1] === '&')) {
      const width = c === '&' ? 2 : 1;
      endCommand(i, width);
      i += width;
    } else if (c === ' ' || c === '\t') {
      endWord();
      i += 1;
    } else if (c === '|' || c === '>') {
      endWord();
      tokens.push({ operator: c });
      i += 1;
    } else if (c === '$') {
      const [value, next] = expand(i);
      word ??= { text: '', unquotedGlob: false };
      word.text += value;
      i = next;
    } else {
      word ??= { text: '', unquotedGlob: false };
      if ('?*['.includes(c)) word.unquotedGlob = true;
      word.text += c;
      i += 1;
    }
  }
  endCommand(text.length, 0);
  return commands;
}

function toCommand(tokens: Token[], source: string): Command {
  const command: Command = { source, segments: [[]] };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if ('word' in token) command.segments[command.segments.length - 1].push(token.word);
    else if (token.operator === '|') command.segments.push([]);
    else command.redirectedTo = (tokens[++i] as { word: Word }).word.text;
  }
  return command;
}

/** The shell text of every code block, and of each `run:` step of the YAML ones. */
function shellTexts(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)];
  return blocks.flatMap(([, language, body]) => {
    if (language === 'sh' || language === 'bash' || language === 'shell') return [body];
    if (language === 'yaml') return [...body.matchAll(/^\s*-?\s*run:\s*(.+)$/gm)].map((m) => m[1]);
    return [];
  });
}

// --- translating curl ---------------------------------------------------------------------------------

interface CurlRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  data?: string;
  /** `-f`: curl fails on a 4xx or 5xx. */
  failOnError: boolean;
  jq?: string;
  output?: string;
}

const FLAGS: Record<string, 'silent' | 'showError' | 'fail' | 'globoff'> = { s: 'silent', S: 'showError', f: 'fail', g: 'globoff' };
const LONG_FLAGS: Record<string, string> = { '--silent': 's', '--show-error': 'S', '--fail': 'f', '--globoff': 'g' };
const WITH_VALUE: Record<string, 'method' | 'header' | 'data' | 'output'> = {
  '-X': 'method',
  '--request': 'method',
  '-H': 'header',
  '--header': 'header',
  '-d': 'data',
  '--data': 'data',
  '--data-raw': 'data',
  '-o': 'output',
  '--output': 'output',
};

function translate(command: Command): CurlRequest {
  const [curl, ...pipeline] = command.segments;
  const [, ...words] = curl;
  const flags = new Set<string>();
  const request: Omit<CurlRequest, 'path'> & { url?: Word } = { method: '', headers: {}, failOnError: false };
  for (let i = 0; i < words.length; i++) {
    const { text } = words[i];
    const option = WITH_VALUE[text];
    if (option) {
      const value = words[++i].text;
      if (option === 'method') request.method = value;
      if (option === 'data') request.data = value;
      if (option === 'output') request.output = value;
      if (option === 'header') {
        const [name, ...rest] = value.split(':');
        request.headers[name.trim()] = rest.join(':').trim();
      }
    } else if (LONG_FLAGS[text]) {
      flags.add(LONG_FLAGS[text]);
    } else if (/^-[A-Za-z]+$/.test(text)) {
      for (const letter of text.slice(1)) {
        if (!FLAGS[letter]) throw new Error(`curl option -${letter} is not translated (in: ${command.source})`);
        flags.add(letter);
      }
    } else if (text.startsWith('-')) {
      throw new Error(`curl option ${text} is not translated (in: ${command.source})`);
    } else {
      if (request.url) throw new Error(`two URLs in: ${command.source}`);
      request.url = words[i];
    }
  }
  if (!request.url) throw new Error(`no URL in: ${command.source}`);
  const url = request.url;
  if (url.unquotedGlob) throw new Error(`the shell would expand the unquoted URL ${url.text} as a file name (in: ${command.source})`);
  if (/[[\]{}]/.test(url.text) && !flags.has('g')) throw new Error(`curl would read [ ] { } in ${url.text} as a glob: it needs -g (in: ${command.source})`);
  for (const segment of pipeline) {
    const [program, filter, ...rest] = segment.map((w) => w.text);
    if (program !== 'jq' || !filter || rest.length) throw new Error(`only "| jq <filter>" is translated (in: ${command.source})`);
    request.jq = filter;
  }
  const { pathname, search } = new URL(url.text);
  return {
    method: request.method || (request.data === undefined ? 'GET' : 'POST'),
    path: pathname + search,
    headers: request.headers,
    data: request.data,
    failOnError: flags.has('f'),
    jq: request.jq,
    output: request.output ?? command.redirectedTo,
  };
}

/** The part of jq the examples use: `.name`, `[n]` and `[]`, chained. */
function jq(filter: string, input: unknown): unknown[] {
  const steps = filter.match(/\.[A-Za-z_]\w*|\[\d*\]/g) ?? [];
  if (steps.join('') !== filter.replace(/^\.(?=\[)/, '')) throw new Error(`jq filter ${filter} is not translated`);
  return steps.reduce<unknown[]>(
    (values, step) =>
      values.flatMap((value) => {
        if (step === '[]') return Array.isArray(value) ? value : [];
        if (step.startsWith('[')) return [Array.isArray(value) ? value[Number(step.slice(1, -1))] : undefined];
        return [value && typeof value === 'object' ? (value as Record<string, unknown>)[step.slice(1)] : undefined];
      }),
    [input]
  );
}

function run(request: CurlRequest) {
  let call = (api() as any)[request.method.toLowerCase()](request.path);
  for (const [name, value] of Object.entries(request.headers)) call = call.set(name, value);
  // curl -d sends the text as it is; its default type would be a form's.
  if (request.data !== undefined) call = call.type(request.headers['Content-Type'] ?? 'application/x-www-form-urlencoded').send(request.data);
  return call;
}

// --- the examples ------------------------------------------------------------------------------------

/** The `details.code` values the README's error tables name. */
const documentedCodes = new Set(
  README.split('\n')
    .filter((line) => line.startsWith('|'))
    .flatMap((line) => [...line.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]))
);

const variables: Record<string, string> = {};
const curlCommands = () =>
  shellTexts(README)
    .flatMap((text) => readShell(text, new Proxy(variables, { get: (target, name: string) => target[name] ?? `$${name}`, has: () => true })))
    .filter((c) => c.segments[0][0]?.text === 'curl');

beforeAll(async () => {
  testClock.set(SEEDED_AT);
  await seedModule().seedDemo(strapi, demoData());
});

it('finds every curl example of the README, and reads it as the shell and curl would', () => {
  const commands = curlCommands();
  expect(commands.map((c) => c.source.split('\n')[0])).toEqual([
    expect.stringMatching(/^curl -X POST http:\/\/localhost:1337\/api\/proposals /),
    expect.stringMatching(/^curl http:\/\/localhost:1337\/api\/proposals\/mine\/\$TOKEN/),
    expect.stringMatching(/^curl -X PUT http:\/\/localhost:1337\/api\/proposals\/mine\/\$TOKEN/),
    expect.stringMatching(/\/withdraw/),
    expect.stringMatching(/\/confirm/),
    expect.stringMatching(/filters\[slug\]=bluehats-demo-upcoming/),
    expect.stringMatching(/\/program /),
    expect.stringMatching(/announcement\.md > /),
    expect.stringMatching(/^curl -fsS https:\/\/events\.example\.org\//),
  ]);
  for (const command of commands) expect(() => translate(command)).not.toThrow();
});

it('refuses what curl or the shell would not run as written', () => {
  const read = (line: string) => translate(readShell(line, {})[0]);
  expect(() => read('curl -s http://localhost:1337/api/editions?filters[slug]=x')).toThrow(/expand the unquoted URL/);
  expect(() => read("curl -s 'http://localhost:1337/api/editions?filters[slug]=x'")).toThrow(/needs -g/);
  expect(read("curl -sg 'http://localhost:1337/api/editions?filters[slug]=x'").path).toBe('/api/editions?filters[slug]=x');
  expect(read("curl -s 'http://localhost:1337/api/editions?filters%5Bslug%5D=x'").path).toBe('/api/editions?filters%5Bslug%5D=x');
  expect(() => read('curl --compressed http://localhost:1337/')).toThrow(/not translated/);
});

/** What the README says of each example, by method and address. */
const SAID: Array<[pattern: RegExp, check: (res: any, request: CurlRequest) => void]> = [
  [
    /^POST \/api\/proposals$/,
    (res) => {
      // "201 with the reference, the private status token and link, the public status and its statusLabel, the response and program dates"
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({
        reference: expect.any(String),
        statusToken: expect.any(String),
        statusUrl: expect.any(String),
        status: 'under-review',
        statusLabel: { fr: expect.any(String), en: expect.any(String) },
        responseDate: expect.objectContaining({ at: expect.any(String) }),
        programPublicationDate: expect.objectContaining({ at: expect.any(String) }),
      });
      // TOKEN=…   # statusToken from the answer
      variables.TOKEN = res.body.data.statusToken;
    },
  ],
  [/^GET \/api\/proposals\/mine\/[\w-]+$/, (res) => expect([res.status, res.body.data?.status]).toEqual([200, 'under-review'])],
  [/^PUT \/api\/proposals\/mine\/[\w-]+$/, (res) => expect([res.status, res.body.data?.requestedDuration]).toEqual([200, 20])],
  [/^POST \/api\/proposals\/mine\/[\w-]+\/withdraw$/, (res) => expect([res.status, res.body.data?.status]).toEqual([200, 'withdrawn'])],
  // Run in the README's order, the proposal was withdrawn just before: nothing to confirm.
  [/^POST \/api\/proposals\/mine\/[\w-]+\/confirm$/, (res) => expect([res.status, res.body.error?.details?.code]).toEqual([409, 'NOTHING_TO_CONFIRM'])],
  [
    /^GET \/api\/editions\?filters\[slug\]=bluehats-demo-upcoming$/,
    (res, request) => {
      expect(res.status).toBe(200);
      expect(jq(request.jq!, res.body)).toEqual([expect.objectContaining({ state: 'open' })]);
    },
  ],
  [
    /^GET \/api\/editions\/bluehats-2023\/program$/,
    (res, request) => {
      expect(res.status).toBe(200);
      const titles = jq(request.jq!, res.body);
      expect(titles.length).toBeGreaterThan(0);
      for (const title of titles) expect(title).toEqual(expect.any(String));
    },
  ],
  [
    /^GET \/api\/editions\/bluehats-2023\/announcement\.md$/,
    (res) => {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/markdown/);
      expect(res.text).toMatch(/^---\n/);
    },
  ],
];

it('runs every curl example in the order written, each answering what the README says', async () => {
  const met: string[] = [];
  for (const command of curlCommands()) {
    // Read again now: an earlier answer may have set a variable ($TOKEN).
    const request = translate(readShell(command.source, variables)[0]);
    const res = await run(request);
    const where = `${command.source.split('\n')[0]} → ${res.status} ${(res.text ?? '').slice(0, 300)}`;
    expect({ where, serverError: res.status >= 500 }).toEqual({ where, serverError: false });
    if (request.failOnError || request.output) expect({ where, status: res.status }).toEqual({ where, status: 200 });
    if (res.status >= 400) expect({ where, documented: documentedCodes.has(res.body?.error?.details?.code) }).toEqual({ where, documented: true });
    const said = SAID.find(([pattern]) => pattern.test(`${request.method} ${request.path}`));
    expect({ where, said: Boolean(said) }).toEqual({ where, said: true });
    said![1](res, request);
    met.push(`${request.method} ${request.path.replace(variables.TOKEN ?? '\0', '$TOKEN')}`);
  }
  expect(met).toContain('POST /api/proposals/mine/$TOKEN/confirm');
});

it('confirms through the README line once the proposal is accepted, as its comment says', async () => {
  const submitted = await api()
    .post('/api/proposals')
    .send({
      data: {
        edition: 'bluehats-demo-upcoming',
        speakerName: 'Dominique Exemple',
        email: 'dominique@example.org',
        administrationName: 'DINUM',
        jobTitle: 'Architecte',
        title: 'Une autre proposition',
        abstract: 'Un résumé suffisamment long pour être lu.',
        preferredDay: null,
        requestedDuration: 15,
        consentContact: true,
        consentPublication: true,
      },
    });
  expect(submitted.status).toBe(201);
  const proposal = await strapi.db.query('api::proposal.proposal').findOne({ where: { reference: submitted.body.data.reference }, populate: ['edition'] });
  await strapi.documents('api::proposal.proposal').update({ documentId: proposal.documentId, data: { state: 'accepted' } as any });
  await strapi.service('api::proposal.decisions').releaseEdition(proposal.edition.documentId);
  variables.TOKEN = submitted.body.data.statusToken;
  const confirmLine = curlCommands().find((c) => /\/confirm/.test(c.source))!;
  const res = await run(translate(readShell(confirmLine.source, variables)[0]));
  expect(res.status).toBe(200);
  expect(res.body.data.status).toBe('confirmed');
});
