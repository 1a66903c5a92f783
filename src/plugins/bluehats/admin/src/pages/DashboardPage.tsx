import * as React from 'react';
import { Badge, Box, Button, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { isFetchError, Layouts, Page, useFetchClient, useRBAC } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../permissions';
import { ReleaseDecisionsButton } from '../components/ReleaseDecisionsButton';
import { CALL_STATE_LABELS } from '../../../../../domain/labels';
// Type only: the answer's shape is shared with the server, no server code enters the bundle.
import type { Dashboard, EditionSummary } from '../../../../../domain/dashboard';

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={5} style={{ flex: '1 1 320px' }}>
      <Typography variant="delta" tag="h2">
        {title}
      </Typography>
      <Box paddingTop={3}>{children}</Box>
    </Box>
  );
}

function Counts({ rows, label }: { rows: Array<{ label: string; count: number }>; label: string }) {
  return (
    <Table colCount={2} rowCount={rows.length}>
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">{label}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">Propositions</Typography>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row) => (
          <Tr key={row.label}>
            <Td>
              <Typography>{row.label}</Typography>
            </Td>
            <Td>
              <Typography>{row.count}</Typography>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}

/** The server's French message when it sent one (a Problem), else the fallback. */
const failureMessage = (error: unknown, fallback: string): string => (isFetchError(error) ? error.response?.data.error?.message : undefined) ?? fallback;

const DashboardPage = () => {
  const { get, post } = useFetchClient();
  // Buttons follow the role: a reviewer reads the dashboard but neither exports nor releases.
  const { allowedActions } = useRBAC(PERMISSIONS);
  const [editions, setEditions] = React.useState<EditionSummary[]>([]);
  const [selected, setSelected] = React.useState<string | undefined>();
  const [data, setData] = React.useState<Dashboard | null>(null);
  const [message, setMessage] = React.useState<string | null>(null);

  React.useEffect(() => {
    get<{ data: EditionSummary[] }>('/bluehats/editions')
      .then((res) => {
        setEditions(res.data.data);
        setSelected((current) => current ?? res.data.data[0]?.documentId);
      })
      .catch((error: unknown) => setMessage(failureMessage(error, "Les éditions n'ont pas pu être chargées.")));
  }, []);

  const load = React.useCallback(() => {
    if (!selected) return;
    get<{ data: Dashboard }>(`/bluehats/editions/${selected}/dashboard`)
      .then((res) => setData(res.data.data))
      .catch((error: unknown) => setMessage(failureMessage(error, "Le tableau de bord n'a pas pu être chargé.")));
  }, [selected]);
  React.useEffect(load, [load]);

  const exportCsv = async () => {
    try {
      const res = await get(`/bluehats/editions/${selected}/proposals.csv`, { responseType: 'blob' });
      const url = URL.createObjectURL(res.data);
      const link = document.createElement('a');
      link.href = url;
      link.download = `propositions-${selected}.csv`;
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setMessage(failureMessage(error, "L'export n'a pas pu être produit."));
    }
  };
  const duplicate = async () => {
    try {
      const res = await post<{ data: { title: string } }>(`/bluehats/editions/${selected}/duplicate`, {});
      setMessage(`Édition « ${res.data.data.title} » créée (brouillon).`);
    } catch (error) {
      setMessage(failureMessage(error, 'La duplication a échoué.'));
    }
  };

  return (
    <Page.Main>
      <Page.Title>Appel à interventions</Page.Title>
      <Layouts.Header
        title="Appel à interventions"
        subtitle={data ? `${data.edition.title} — fuseau ${data.edition.timeZone}` : 'Chargement…'}
        primaryAction={
          <Flex gap={2}>
            {allowedActions.canExport && (
              <Button variant="secondary" onClick={() => void exportCsv()} disabled={!selected}>
                Exporter en CSV
              </Button>
            )}
            {allowedActions.canDuplicate && (
              <Button variant="secondary" onClick={() => void duplicate()} disabled={!selected}>
                Dupliquer pour l'an prochain
              </Button>
            )}
            {allowedActions.canRelease && (
              <ReleaseDecisionsButton
                editionDocumentId={selected}
                onReleased={(_released, text) => {
                  setMessage(text);
                  load();
                }}
              />
            )}
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box style={{ maxWidth: 420 }}>
            <SingleSelect aria-label="Édition" value={selected} onChange={(value: string | number) => setSelected(String(value))}>
              {editions.map((e) => (
                <SingleSelectOption key={e.documentId} value={e.documentId}>
                  {e.title}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Box>
          {message && (
            <Box background="success100" padding={3} hasRadius>
              <Typography role="status">{message}</Typography>
            </Box>
          )}
          {data && (
            <Flex wrap="wrap" gap={4} alignItems="stretch">
              <Card title="État de l'appel">
                <Flex direction="column" alignItems="start" gap={2}>
                  <Badge>{CALL_STATE_LABELS[data.callForProposals.state]?.fr ?? data.callForProposals.state}</Badge>
                  <Typography>Clôture : {data.callForProposals.closesAt?.text ?? '—'}</Typography>
                  <Typography>Réponse : {data.callForProposals.responseDate?.text ?? '—'}</Typography>
                  <Typography>Programme : {data.callForProposals.programPublicationDate?.text ?? '—'}</Typography>
                  {data.callForProposals.timeLeft && <Typography fontWeight="bold">Temps restant : {data.callForProposals.timeLeft.text}</Typography>}
                </Flex>
              </Card>
              <Card title="Minutes">
                <Typography>Demandées : {data.minutes.requested} min</Typography>
                <br />
                <Typography>Acceptées : {data.minutes.accepted} min</Typography>
                <br />
                <Typography>Disponibles : {data.minutes.available} min</Typography>
              </Card>
              <Card title={`Sans décision : ${data.undecided.count}`}>
                {data.undecided.proposals.slice(0, 8).map((p) => (
                  <Typography key={p.reference} tag="p">
                    {p.reference} — {p.title}
                  </Typography>
                ))}
                {data.undecided.responseDate && data.undecided.count > 0 && data.undecided.responseDate.beforeResponseDate && (
                  <Typography tag="p" textColor="danger600">
                    À décider avant la date de réponse.
                  </Typography>
                )}
              </Card>
              <Card title={`Propositions : ${data.total}`}>
                <Counts label="État" rows={data.byState} />
              </Card>
              <Card title="Par jour préféré">
                <Counts label="Jour" rows={data.byPreferredDay} />
              </Card>
              <Card title="Par nature d'administration">
                <Counts label="Nature" rows={data.byAdministrationKind} />
              </Card>
              <Card title={`Échecs de reconstruction : ${data.webhookFailures.length}`}>
                {data.webhookFailures.length === 0 ? (
                  <Typography>Aucun.</Typography>
                ) : (
                  data.webhookFailures.map((f, i) => (
                    <Typography key={i} tag="p" textColor="danger600">
                      {f.target} : {f.lastError ?? `HTTP ${f.lastStatus}`} ({f.attempts} essais)
                    </Typography>
                  ))
                )}
              </Card>
            </Flex>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default DashboardPage;
export { DashboardPage as Component };
