/**
 * A strict line-level reading of an iCalendar file against RFC 5545, independent of node-ical (which
 * forgives a lot): CRLF line ends, the last line included (§3.1); lines of at most 75 octets, folded
 * with one space or tab; each content line `name *(;param=value) : value`, with no control character
 * but HTAB (§3.1, §3.3.11); components properly nested; VERSION and PRODID once in VCALENDAR
 * (§3.6); in each VEVENT exactly one UID and one DTSTAMP in UTC (§3.8.7.2, "MUST be specified in
 * UTC"), a SEQUENCE that is a non-negative integer, and a TZID that names a VTIMEZONE of the file.
 * Returns the problems found (none for a conforming file) and the events' properties, unfolded.
 */
export interface ContentLine {
  name: string;
  params: Record<string, string>;
  value: string;
}

export interface Rfc5545Reading {
  problems: string[];
  events: ContentLine[][];
}

const NAME = /^[A-Za-z0-9-]+/;
// §3.1: param-value = paramtext / quoted-string; paramtext excludes DQUOTE ; : , and CTLs.
const PARAM =
  /^;([A-Za-z0-9-]+)=("[^"\x00-\x08\x0A-\x1F\x7F]*"|[^";:,\x00-\x08\x0A-\x1F\x7F]*)((?:,(?:"[^"\x00-\x08\x0A-\x1F\x7F]*"|[^";:,\x00-\x08\x0A-\x1F\x7F]*))*)/;
const CONTROL = /[\x00-\x08\x0A-\x1F\x7F]/;

export function parseContentLine(line: string): ContentLine | null {
  const name = NAME.exec(line);
  if (!name) return null;
  let rest = line.slice(name[0].length);
  const params: Record<string, string> = {};
  for (let param = PARAM.exec(rest); param; param = PARAM.exec(rest)) {
    params[param[1].toUpperCase()] = param[2] + param[3];
    rest = rest.slice(param[0].length);
  }
  if (!rest.startsWith(':')) return null;
  return { name: name[0].toUpperCase(), params, value: rest.slice(1) };
}

export function readRfc5545(body: string): Rfc5545Reading {
  const problems: string[] = [];
  if (!body.endsWith('\r\n')) problems.push('the file does not end with CRLF');
  const physical = body.split('\r\n');
  if (physical[physical.length - 1] === '') physical.pop();
  const lines: string[] = [];
  physical.forEach((line, i) => {
    if (/[\r\n]/.test(line)) problems.push(`line ${i + 1}: a bare CR or LF`);
    if (Buffer.byteLength(line, 'utf8') > 75) problems.push(`line ${i + 1}: ${Buffer.byteLength(line, 'utf8')} octets (75 at most)`);
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (lines.length === 0) problems.push(`line ${i + 1}: a continuation with nothing to continue`);
      else lines[lines.length - 1] += line.slice(1);
    } else lines.push(line);
  });

  const stack: string[] = [];
  const events: ContentLine[][] = [];
  const timezones = new Set<string>();
  const tzidsUsed = new Set<string>();
  let calendarProps: ContentLine[] = [];
  let current: ContentLine[] | null = null;
  lines.forEach((line, i) => {
    const content = parseContentLine(line);
    if (!content) return problems.push(`content line ${i + 1} is not name *(;param) : value: ${JSON.stringify(line)}`);
    if (CONTROL.test(content.value)) problems.push(`content line ${i + 1}: a control character in the value`);
    if (content.name === 'BEGIN') {
      if (stack.length === 0 && content.value !== 'VCALENDAR') problems.push('the file does not start with BEGIN:VCALENDAR');
      stack.push(content.value);
      if (content.value === 'VEVENT') current = [];
      return;
    }
    if (content.name === 'END') {
      const open = stack.pop();
      if (open !== content.value) problems.push(`END:${content.value} closes ${open ?? 'nothing'}`);
      if (content.value === 'VEVENT' && current) {
        events.push(current);
        current = null;
      }
      return;
    }
    const within = stack[stack.length - 1];
    if (within === 'VCALENDAR') calendarProps.push(content);
    if (within === 'VTIMEZONE' && content.name === 'TZID') timezones.add(content.value);
    if (within === 'VEVENT' && current) current.push(content);
    if (content.params.TZID) tzidsUsed.add(content.params.TZID);
  });
  if (stack.length) problems.push(`unclosed: ${stack.join(' > ')}`);

  const count = (props: ContentLine[], name: string) => props.filter((p) => p.name === name).length;
  if (count(calendarProps, 'VERSION') !== 1 || calendarProps.find((p) => p.name === 'VERSION')?.value !== '2.0')
    problems.push('VCALENDAR needs VERSION:2.0 once');
  if (count(calendarProps, 'PRODID') !== 1) problems.push('VCALENDAR needs one PRODID');
  calendarProps = [];
  events.forEach((props, i) => {
    for (const name of ['UID', 'DTSTAMP', 'DTSTART']) if (count(props, name) !== 1) problems.push(`VEVENT ${i + 1}: ${count(props, name)} ${name}`);
    const stamp = props.find((p) => p.name === 'DTSTAMP');
    if (stamp && !/^\d{8}T\d{6}Z$/.test(stamp.value)) problems.push(`VEVENT ${i + 1}: DTSTAMP ${stamp.value} is not in UTC`);
    const sequence = props.find((p) => p.name === 'SEQUENCE');
    if (sequence && !/^\d+$/.test(sequence.value)) problems.push(`VEVENT ${i + 1}: SEQUENCE ${sequence.value}`);
  });
  for (const tzid of tzidsUsed) if (!timezones.has(tzid)) problems.push(`TZID ${tzid} has no VTIMEZONE`);
  return { problems, events };
}

/** One property of an event, e.g. `prop(event, 'SEQUENCE')?.value`. */
export const prop = (event: ContentLine[], name: string) => event.find((p) => p.name === name);
