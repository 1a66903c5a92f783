import * as React from 'react';
import { Box, Button, Dialog, Field, Flex, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { isFetchError, Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { frenchCount } from '../../../../../domain/phrases';
// Types only: the answers' shapes are shared with the server, no server code enters the bundle.
import type { ErasureDone, ErasurePreview, PersonalDataDesk } from '../../../../../domain/editor-erasure';
import { PrivacyTasks } from '../components/PrivacyTasks';
import { IrreversibleFooter } from '../components/IrreversibleFooter';
import { failureMessage } from '../failure';

/** The fresh preview a 409 ERASURE_PREVIEW_STALE carries. */
function stalePreview(error: unknown): ErasurePreview | null {
  if (!isFetchError(error)) return null;
  const details = error.response?.data.error?.details as { code?: string; preview?: ErasurePreview } | undefined;
  return details?.code === 'ERASURE_PREVIEW_STALE' && details.preview ? details.preview : null;
}

type Notice = { text: string; tone: 'success' | 'danger' };

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={5}>
      <Typography variant="delta" tag="h2">
        {title}
      </Typography>
      <Box paddingTop={3}>{children}</Box>
    </Box>
  );
}

function PreviewTable({ preview }: { preview: ErasurePreview }) {
  const rows = preview.editions.flatMap((edition) => edition.proposals.map((p) => ({ edition: edition.title, ...p })));
  return (
    <Table colCount={4} rowCount={rows.length}>
      <Thead>
        <Tr>
          {['Édition', 'Proposition', 'État', 'Ce qui sera fait'].map((label) => (
            <Th key={label}>
              <Typography variant="sigma">{label}</Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row) => (
          <Tr key={row.reference}>
            <Td>
              <Typography>{row.edition}</Typography>
            </Td>
            <Td>
              <Typography>
                {row.reference} — {row.title ?? 'sans titre'}
              </Typography>
            </Td>
            <Td>
              <Typography>{row.stateLabel}</Typography>
            </Td>
            <Td>
              <Typography>{row.outcomeLabel}</Typography>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}

/**
 * « Données personnelles »: erase a person on request (a request received by mail), by address,
 * across editions — a preview, then a confirmation that says it cannot be undone —; the open
 * privacy tasks; the last lines of the access log. For Éditeur alone (the menu link and every route
 * need the desk action « Effacer les données personnelles »).
 */
const PersonalDataPage = () => {
  const { get, post } = useFetchClient();
  const [email, setEmail] = React.useState('');
  const [preview, setPreview] = React.useState<ErasurePreview | null>(null);
  const [open, setOpen] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  const [notice, setNotice] = React.useState<Notice | null>(null);
  const [kept, setKept] = React.useState<ErasureDone['kept']>([]);
  const [desk, setDesk] = React.useState<PersonalDataDesk | null>(null);

  const loadDesk = React.useCallback(() => {
    get<{ data: PersonalDataDesk }>('/bluehats/personal-data')
      .then((res) => setDesk(res.data.data))
      .catch((error: unknown) => setNotice({ tone: 'danger', text: failureMessage(error, "Le journal n'a pas pu être chargé.") }));
  }, []);
  React.useEffect(loadDesk, [loadDesk]);

  const previewErasure = async (event?: React.FormEvent) => {
    event?.preventDefault();
    setNotice(null);
    setKept([]);
    setPreview(null);
    try {
      const res = await get<{ data: ErasurePreview }>(`/bluehats/erasures/preview?email=${encodeURIComponent(email)}`);
      setPreview(res.data.data);
    } catch (error) {
      setNotice({ tone: 'danger', text: failureMessage(error, "L'aperçu n'a pas pu être calculé.") });
    }
  };

  const erase = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const res = await post<{ data: ErasureDone }>('/bluehats/erasures', { email: preview.email, confirm: true, expected: preview.total });
      const done = res.data.data;
      setOpen(false);
      setPreview(null);
      setKept(done.kept);
      setNotice({
        tone: 'success',
        text: `${frenchCount(done.total, 'proposition effacée', 'propositions effacées')} : ${done.editions.map((e) => `${e.title} (${e.summary})`).join(' ; ')}.`,
      });
      loadDesk();
    } catch (error) {
      const fresh = stalePreview(error);
      if (fresh) setPreview(fresh);
      setOpen(false);
      setNotice({ tone: 'danger', text: failureMessage(error, "L'effacement n'a pas pu être fait.") });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page.Main>
      <Page.Title>Données personnelles</Page.Title>
      <Layouts.Header
        title="Données personnelles"
        subtitle="Effacer une personne à sa demande, les tâches qu'un effacement laisse, le journal des exports et des effacements."
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {notice && (
            <Box background={`${notice.tone}100`} borderColor={`${notice.tone}200`} padding={3} hasRadius>
              <Typography role={notice.tone === 'danger' ? 'alert' : 'status'} textColor={`${notice.tone}700`}>
                {notice.text}
              </Typography>
              {kept.map((k) => (
                <Typography key={k.fr} tag="p" textColor="neutral700">
                  {k.fr}
                </Typography>
              ))}
            </Box>
          )}
          <Section title="Effacer une personne (demande reçue par courriel)">
            <form onSubmit={(event) => void previewErasure(event)}>
              <Flex gap={3} alignItems="flex-end">
                <Box style={{ width: 420 }}>
                  <Field.Root name="email" hint="Toutes ses propositions, dans toutes les éditions.">
                    <Field.Label>Adresse électronique de la personne</Field.Label>
                    <TextInput type="email" value={email} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setEmail(e.target.value)} />
                    <Field.Hint />
                  </Field.Root>
                </Box>
                <Button type="submit" variant="secondary" disabled={email.trim() === ''}>
                  Prévisualiser
                </Button>
              </Flex>
            </form>
            {preview && (
              <Box paddingTop={4}>
                {preview.total === 0 ? (
                  <Typography>Aucune proposition ne porte cette adresse (ou ses données sont déjà effacées).</Typography>
                ) : (
                  <Flex direction="column" alignItems="stretch" gap={3}>
                    <Typography>
                      {frenchCount(preview.total, 'proposition', 'propositions')} à l'adresse {preview.email}, dans{' '}
                      {frenchCount(preview.editions.length, 'édition', 'éditions')} :
                    </Typography>
                    <PreviewTable preview={preview} />
                    <Dialog.Root open={open} onOpenChange={setOpen}>
                      <Box>
                        <Button variant="danger" onClick={() => setOpen(true)}>
                          Effacer ses données…
                        </Button>
                      </Box>
                      <Dialog.Content>
                        <Dialog.Header>Effacer les données de cette personne ?</Dialog.Header>
                        <Dialog.Body>
                          <Flex direction="column" alignItems="stretch" gap={2} width="100%">
                            <Typography>
                              {frenchCount(preview.total, 'proposition sera traitée', 'propositions seront traitées')} comme l'aperçu l'indique : supprimées,
                              anonymisées, ou publication gardée sans les données personnelles.
                            </Typography>
                            <Typography fontWeight="bold">Un effacement ne se défait pas.</Typography>
                          </Flex>
                        </Dialog.Body>
                        <IrreversibleFooter label="Effacer définitivement" onConfirm={() => void erase()} busy={busy} />
                      </Dialog.Content>
                    </Dialog.Root>
                  </Flex>
                )}
              </Box>
            )}
          </Section>
          <Section title="Tâches à faire après un effacement">{desk && <PrivacyTasks tasks={desk.tasks} canMarkDone onDone={loadDesk} showEdition />}</Section>
          <Section title="Journal des données personnelles (derniers accès)">
            {desk && desk.log.length === 0 && <Typography>Aucun export ni effacement pour l'instant.</Typography>}
            {desk && desk.log.length > 0 && (
              <Table colCount={5} rowCount={desk.log.length}>
                <Thead>
                  <Tr>
                    {['Le', 'Action', 'Par', 'Édition', 'Propositions'].map((label) => (
                      <Th key={label}>
                        <Typography variant="sigma">{label}</Typography>
                      </Th>
                    ))}
                  </Tr>
                </Thead>
                <Tbody>
                  {desk.log.map((line, i) => (
                    <Tr key={`${line.at}-${i}`}>
                      <Td>
                        <Typography>{line.atText}</Typography>
                      </Td>
                      <Td>
                        <Typography>
                          {line.actionLabel}
                          {line.summary ? ` (${line.summary})` : ''}
                        </Typography>
                      </Td>
                      <Td>
                        <Typography>{line.by}</Typography>
                      </Td>
                      <Td>
                        <Typography>{line.editionTitle ?? '—'}</Typography>
                      </Td>
                      <Td>
                        <Typography>{line.proposals}</Typography>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            )}
          </Section>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default PersonalDataPage;
export { PersonalDataPage as Component };
