import * as React from 'react';
import { Badge, Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useRBAC } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
import { EditionPicker, useEditionChoice } from '../components/EditionPicker';
import { failureMessage } from '../failure';
import { NoticeBox, type Notice } from '../components/NoticeBox';
import { DuplicateEditionButton } from '../components/DuplicateEditionButton';
import { PERMISSIONS } from '../permissions';
import { ReleaseDecisionsButton } from '../components/ReleaseDecisionsButton';
import { PrivacyTasks } from '../components/PrivacyTasks';
import { FreedSlotsCard, NearDuplicatesCard } from '../components/WaitlistCards';
import { ReviewRanking } from '../components/ReviewRanking';
import { CALL_STATE_LABELS } from '../../../../../domain/labels';
import { frenchCount } from '../../../../../domain/phrases';
// Type only: the answer's shape is shared with the server, no server code enters the bundle.
import type { Dashboard } from '../../../../../domain/dashboard';

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

/** The file name the server gave in Content-Disposition (`propositions-<slug>-<date>.csv`). */
const attachmentName = (disposition: string | null): string | null => /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? null;

const PROPOSAL_EDIT_VIEW = '/content-manager/collection-types/api::proposal.proposal';

const DashboardPage = () => {
  const { get } = useFetchClient();
  // Buttons follow the role: a reviewer reads the dashboard but neither exports nor releases.
  const { allowedActions } = useRBAC(PERMISSIONS);
  const [notice, setNotice] = React.useState<Notice | null>(null);
  const setMessage = (text: string) => setNotice({ text, tone: 'success' });
  const setFailure = (text: string) => setNotice({ text, tone: 'danger' });
  const choice = useEditionChoice(setFailure);
  const { selected } = choice;
  const [data, setData] = React.useState<Dashboard | null>(null);

  const load = React.useCallback(() => {
    if (!selected) return;
    get<{ data: Dashboard }>(`/bluehats/editions/${selected}/dashboard`)
      .then((res) => setData(res.data.data))
      .catch((error: unknown) => setFailure(failureMessage(error, "Le tableau de bord n'a pas pu être chargé.")));
  }, [selected]);
  React.useEffect(load, [load]);

  const exportCsv = async () => {
    try {
      const res = await get(`/bluehats/editions/${selected}/proposals.csv`, { responseType: 'blob' });
      const url = URL.createObjectURL(res.data);
      const link = document.createElement('a');
      link.href = url;
      link.download = attachmentName(res.headers?.get('content-disposition') ?? null) ?? 'propositions.csv';
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setFailure(failureMessage(error, "L'export n'a pas pu être produit."));
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
            {allowedActions.canDuplicate && <DuplicateEditionButton editionDocumentId={selected} />}
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
          <EditionPicker {...choice} />
          {notice && <NoticeBox notice={notice} />}
          {data && (
            <Flex wrap="wrap" gap={4} alignItems="stretch">
              <Card title="État de l'appel">
                <Flex direction="column" alignItems="start" gap={2}>
                  <Badge>{CALL_STATE_LABELS[data.callForProposals.state]?.fr ?? data.callForProposals.state}</Badge>
                  <Typography>Ouverture : {data.callForProposals.opensAt?.text ?? '—'}</Typography>
                  <Typography>Clôture : {data.callForProposals.closesAt?.text ?? '—'}</Typography>
                  <Typography>Réponse : {data.callForProposals.responseDate?.text ?? '—'}</Typography>
                  <Typography>Programme : {data.callForProposals.programPublicationDate?.text ?? '—'}</Typography>
                  {data.callForProposals.timeLeft && <Typography fontWeight="bold">Temps restant : {data.callForProposals.timeLeft.text}</Typography>}
                </Flex>
              </Card>
              <Card title="Minutes">
                <Flex direction="column" alignItems="start" gap={2}>
                  <Typography>
                    Minutes demandées (propositions reçues, acceptées, en attente ou confirmées) : {frenchCount(data.minutes.requested, 'minute')}
                  </Typography>
                  <Typography>Minutes des propositions retenues (acceptées ou confirmées) : {frenchCount(data.minutes.accepted, 'minute')}</Typography>
                  <Typography>Minutes disponibles sur les jours de l'édition : {frenchCount(data.minutes.available, 'minute')}</Typography>
                </Flex>
              </Card>
              <Card title={`${frenchCount(data.undecided.count, 'proposition')} sans décision`}>
                {data.undecided.proposals.slice(0, 8).map((p) => (
                  <Typography key={p.documentId} tag="p">
                    <Link to={`${PROPOSAL_EDIT_VIEW}/${p.documentId}`}>
                      {p.reference} — {p.title}
                    </Link>
                  </Typography>
                ))}
                {data.undecided.count > 8 && (
                  <Typography tag="p">
                    <Link to={`${PROPOSAL_EDIT_VIEW}?filters[$and][0][state][$eq]=submitted`}>
                      Voir les {frenchCount(data.undecided.count, 'proposition')} sans décision
                    </Link>
                  </Typography>
                )}
                {data.undecided.responseDate && data.undecided.count > 0 && data.undecided.responseDate.beforeResponseDate && (
                  <Typography tag="p" textColor="danger600">
                    À décider avant la date de réponse.
                  </Typography>
                )}
              </Card>
              <Card title={frenchCount(data.total, 'proposition')}>
                <Counts label="État" rows={data.byState} />
              </Card>
              <Card title="Par jour préféré">
                <Counts label="Jour" rows={data.byPreferredDay} />
              </Card>
              <Card title="Par nature d'administration">
                {data.identityHidden ? (
                  <Typography tag="p">Relecture anonyme : la nature de l'administration des intervenants n'est pas montrée.</Typography>
                ) : (
                  <Counts label="Nature" rows={data.byAdministrationKind} />
                )}
              </Card>
              {allowedActions.canDecide && (
                <Card title="Places libérées">
                  <FreedSlotsCard
                    editionDocumentId={data.edition.documentId}
                    onChanged={(text, failed) => {
                      if (failed) setFailure(text);
                      else {
                        setMessage(text);
                        load();
                      }
                    }}
                  />
                </Card>
              )}
              {allowedActions.canDecide && (
                <Card title="Doublons possibles">
                  <NearDuplicatesCard editionDocumentId={data.edition.documentId} onFailed={setFailure} />
                </Card>
              )}
              {data.privacyTasks.length > 0 && (
                <Card title={`Données personnelles : ${frenchCount(data.privacyTasks.length, 'tâche', 'tâches')} à faire`}>
                  <PrivacyTasks tasks={data.privacyTasks} canMarkDone={allowedActions.canErase} onDone={load} />
                </Card>
              )}
              <Box background="neutral0" hasRadius shadow="tableShadow" padding={5} style={{ flex: '1 1 100%', minWidth: 0 }}>
                <Typography variant="delta" tag="h2">
                  Relecture et classement
                </Typography>
                <Box paddingTop={3}>
                  <ReviewRanking key={data.edition.documentId} editionDocumentId={data.edition.documentId} canAssign={allowedActions.canAssign} />
                </Box>
              </Box>
              <Card title="Conservation des données personnelles">
                <Flex direction="column" alignItems="start" gap={2}>
                  <Typography tag="p" fontWeight="bold">
                    {data.retention.text}
                  </Typography>
                  {data.retention.endsAtText && <Typography tag="p">Fin de la durée de conservation de l'édition : {data.retention.endsAtText}.</Typography>}
                  <Typography tag="p" textColor="neutral600">
                    Les décomptes ci-dessus incluent les propositions anonymisées.
                  </Typography>
                </Flex>
              </Card>
              <Card
                title={
                  data.webhookFailures.length === 0
                    ? 'Échecs de reconstruction'
                    : frenchCount(data.webhookFailures.length, 'échec', 'échecs') + ' de reconstruction'
                }
              >
                {data.webhookFailures.length === 0 ? (
                  <Typography>Aucun échec.</Typography>
                ) : (
                  data.webhookFailures.map((f, i) => (
                    <Typography key={i} tag="p" textColor="danger600">
                      <strong>{f.target}</strong> : {f.reason} — {frenchCount(f.attempts, 'essai')}, le {f.atText}
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
