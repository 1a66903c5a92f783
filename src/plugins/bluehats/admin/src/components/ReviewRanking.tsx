import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  NumberInput,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
// Type only: the answer's shape is shared with the server, no server code enters the bundle.
import type { AssignmentReport, RankingRow, RankingView } from '../../../../../domain/review';
import { failureMessage } from '../failure';

const PROPOSAL_EDIT_VIEW = '/content-manager/collection-types/api::proposal.proposal';
const number = (value: number | null) => (value === null ? '—' : value.toLocaleString('fr-FR', { maximumFractionDigits: 2 }));

type SortKey = 'default' | 'mean' | 'spread' | 'reviews' | 'reference';
const SORTS: Array<[SortKey, string]> = [
  ['default', 'Non évaluées d’abord, puis meilleure moyenne'],
  ['mean', 'Moyenne pondérée (décroissante)'],
  ['spread', 'Écart type (décroissant : désaccords d’abord)'],
  ['reviews', 'Relectures (croissant)'],
  ['reference', 'Référence'],
];

const ALL = '*';

/** The rows as the editor asked: the server's order by default, else the chosen column (no figure last). */
function sorted(rows: RankingRow[], key: SortKey): RankingRow[] {
  if (key === 'default') return rows;
  const desc = (a: number | null, b: number | null) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : b - a);
  const compare: Record<Exclude<SortKey, 'default'>, (a: RankingRow, b: RankingRow) => number> = {
    mean: (a, b) => desc(a.weightedMean, b.weightedMean),
    spread: (a, b) => desc(a.spread, b.spread),
    reviews: (a, b) => a.reviews - b.reviews,
    reference: (a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0),
  };
  return [...rows].sort((a, b) => compare[key](a, b) || (a.reference < b.reference ? -1 : 1));
}

/** « Répartir les propositions »: k reviewers per proposal, and what the server did. */
function AssignButton({ editionDocumentId, onDone }: { editionDocumentId: string; onDone: () => void }) {
  const { post } = useFetchClient();
  const [k, setK] = React.useState<number | undefined>(2);
  const [busy, setBusy] = React.useState(false);
  const [report, setReport] = React.useState<AssignmentReport | null>(null);
  const [problem, setProblem] = React.useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const res = await post<{ data: AssignmentReport }>(`/bluehats/editions/${editionDocumentId}/assign-reviewers`, { perProposal: k });
      setReport(res.data.data);
      onDone();
    } catch (error) {
      setProblem(failureMessage(error, "La répartition n'a pas pu être faite."));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Flex gap={2} alignItems="flex-end">
        <Box style={{ width: 220 }}>
          <Field.Root name="per-proposal" hint="De 1 à 10. Relancer ne retire rien : seuls les manques sont comblés.">
            <Field.Label>Relecteurs par proposition</Field.Label>
            <NumberInput value={k} onValueChange={(value: number | undefined) => setK(value)} />
          </Field.Root>
        </Box>
        <Button onClick={() => void run()} loading={busy} disabled={busy || !k}>
          Répartir les propositions
        </Button>
      </Flex>
      {problem && (
        <Typography textColor="danger600" role="alert">
          {problem}
        </Typography>
      )}
      {report && (
        <Box background="neutral100" padding={3} hasRadius role="status">
          <Typography tag="p" fontWeight="bold">
            {report.message}
          </Typography>
          {report.loads.length > 0 && (
            <Typography tag="p" variant="pi">
              Charge : {report.loads.map((l) => `${l.reviewer} ${l.total} (+${l.added})`).join(', ')}
            </Typography>
          )}
          {report.shortfalls.map((s) => (
            <Typography key={s.documentId} tag="p" variant="pi" textColor="warning700">
              {s.reference} — {s.title} : {s.reason}
            </Typography>
          ))}
          {report.conflicts.map((c) => (
            <Typography key={`${c.reference}-${c.reviewer}`} tag="p" variant="pi" textColor="danger600">
              {c.reference} : {c.reviewer} relit une proposition de sa propre administration (confiée avant un changement) ; non comptée.
            </Typography>
          ))}
        </Box>
      )}
    </Flex>
  );
}

/** The dashboard's ranking: per proposal the weighted mean, spread and reviews out of assigned; sorted and filtered here. */
export function ReviewRanking({ editionDocumentId, canAssign }: { editionDocumentId: string; canAssign: boolean }) {
  const { get } = useFetchClient();
  const [view, setView] = React.useState<RankingView | null>(null);
  const [problem, setProblem] = React.useState<string | null>(null);
  const [sortKey, setSortKey] = React.useState<SortKey>('default');
  const [state, setState] = React.useState<string>(ALL);
  const [day, setDay] = React.useState<string>(ALL);
  const [unreviewedOnly, setUnreviewedOnly] = React.useState(false);

  const load = React.useCallback(() => {
    get<{ data: RankingView }>(`/bluehats/editions/${editionDocumentId}/ranking`)
      .then((res) => setView(res.data.data))
      .catch((error: unknown) => setProblem(failureMessage(error, "Le classement n'a pas pu être chargé.")));
  }, [editionDocumentId]);
  React.useEffect(load, [load]);

  if (!view) return problem ? <Typography textColor="danger600">{problem}</Typography> : <Typography>Chargement…</Typography>;
  const states = [...new Map(view.rows.map((r) => [r.state, r.stateLabel])).entries()];
  const rows = sorted(
    view.rows.filter(
      (r) =>
        (state === ALL || r.state === state) &&
        (day === ALL || (day === 'none' ? !r.preferredDay : r.preferredDay === day)) &&
        (!unreviewedOnly || r.reviews === 0)
    ),
    sortKey
  );
  const dayLabel = (d: string | null) => (d ? (view.days.find((x) => x.day === d)?.label ?? d) : 'Pas de préférence');

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      {canAssign && <AssignButton editionDocumentId={editionDocumentId} onDone={load} />}
      <Flex gap={3} wrap="wrap" alignItems="flex-end">
        <Box style={{ width: 320 }}>
          <SingleSelect aria-label="Trier le classement" value={sortKey} onChange={(value: string | number) => setSortKey(String(value) as SortKey)}>
            {SORTS.map(([key, label]) => (
              <SingleSelectOption key={key} value={key}>
                {label}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Box>
        <Box style={{ width: 220 }}>
          <SingleSelect aria-label="Filtrer par état" value={state} onChange={(value: string | number) => setState(String(value))}>
            <SingleSelectOption value={ALL}>Tous les états</SingleSelectOption>
            {states.map(([value, label]) => (
              <SingleSelectOption key={value} value={value}>
                {label}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Box>
        <Box style={{ width: 260 }}>
          <SingleSelect aria-label="Filtrer par jour préféré" value={day} onChange={(value: string | number) => setDay(String(value))}>
            <SingleSelectOption value={ALL}>Tous les jours</SingleSelectOption>
            {view.days.map((d) => (
              <SingleSelectOption key={d.day} value={d.day}>
                {d.label}
              </SingleSelectOption>
            ))}
            <SingleSelectOption value="none">Pas de préférence</SingleSelectOption>
          </SingleSelect>
        </Box>
        <Checkbox checked={unreviewedOnly} onCheckedChange={(checked: boolean | 'indeterminate') => setUnreviewedOnly(checked === true)}>
          Non évaluées seulement
        </Checkbox>
      </Flex>
      {/* One column per criterion: wider than the card at 1440 px, so the table scrolls within it. */}
      <Box role="region" aria-label="Classement des propositions" tabIndex={0} style={{ overflowX: 'auto', maxWidth: '100%' }}>
        <Table colCount={7 + view.criteria.length} rowCount={rows.length + 1}>
          <Thead>
            <Tr>
              {[
                'Proposition',
                'État',
                'Jour',
                'Durée',
                'Moyenne pondérée',
                'Écart type',
                'Relectures',
                ...view.criteria.map((c) => `${c.label} (×${c.weight})`),
              ].map((title) => (
                <Th key={title}>
                  <Typography variant="sigma">{title}</Typography>
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((r) => (
              <Tr key={r.documentId}>
                <Td>
                  <Typography>
                    <Link to={`${PROPOSAL_EDIT_VIEW}/${r.documentId}`}>
                      {r.reference} — {r.title}
                    </Link>{' '}
                    {r.reviews === 0 && <Badge>Non évaluée</Badge>}
                  </Typography>
                </Td>
                <Td>
                  <Typography>{r.stateLabel}</Typography>
                </Td>
                <Td>
                  <Typography>{dayLabel(r.preferredDay)}</Typography>
                </Td>
                <Td>
                  <Typography>{r.requestedDuration ?? '—'} min</Typography>
                </Td>
                <Td>
                  <Typography fontWeight="bold">{r.hidden && r.reviews > 0 ? 'après votre note' : number(r.weightedMean)}</Typography>
                </Td>
                <Td>
                  <Typography>{number(r.spread)}</Typography>
                </Td>
                <Td>
                  <Typography>
                    {r.reviews} / {r.assigned}
                  </Typography>
                </Td>
                {view.criteria.map((c) => (
                  <Td key={c.documentId}>
                    <Typography>{number(r.criterionMeans[c.documentId] ?? null)}</Typography>
                  </Td>
                ))}
              </Tr>
            ))}
          </Tbody>
        </Table>
      </Box>
      {rows.length === 0 && <Typography>Aucune proposition ne correspond à ces filtres.</Typography>}
    </Flex>
  );
}
