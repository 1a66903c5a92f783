import * as React from 'react';
import { Box, Button, Dialog, Flex, Typography } from '@strapi/design-system';
import { isFetchError, useFetchClient } from '@strapi/strapi/admin';
import { failureMessage } from '../failure';
import { IrreversibleFooter } from './IrreversibleFooter';
import { mailsSummaryFr, type ReleasePreview } from '../../../../../domain/decision-release';
import { frenchCount } from '../../../../../domain/phrases';

/** The fresh preview a 409 RELEASE_PREVIEW_STALE carries. */
function stalePreview(error: unknown): ReleasePreview | null {
  if (!isFetchError(error)) return null;
  const details = error.response?.data.error?.details as { code?: string; preview?: ReleasePreview } | undefined;
  return details?.code === 'RELEASE_PREVIEW_STALE' && details.preview ? details.preview : null;
}

function Summary({ preview }: { preview: ReleasePreview }) {
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%">
      {preview.total === 0 ? (
        <Typography>Aucune décision à communiquer : chaque décision prise a déjà été envoyée.</Typography>
      ) : (
        <Typography>
          <strong>{frenchCount(preview.total, 'courriel partira', 'courriels partiront')}</strong> : {mailsSummaryFr(preview.mails)}.
        </Typography>
      )}
      {preview.changes > 0 && (
        <Typography>
          Dont {frenchCount(preview.changes, 'décision modifiée', 'décisions modifiées')} après une première communication : l'intervenant recevra la nouvelle.
        </Typography>
      )}
      <Typography>
        {preview.undecided === 0 ? 'Aucune proposition sans décision.' : `${frenchCount(preview.undecided, 'proposition', 'propositions')} sans décision.`}
      </Typography>
      {preview.warnings.length > 0 && (
        <Box background="warning100" borderColor="warning200" hasRadius padding={3}>
          <Flex direction="column" alignItems="stretch" gap={1} role="alert">
            {preview.warnings.map((warning) => (
              <Typography key={warning} textColor="warning700">
                {warning}
              </Typography>
            ))}
          </Flex>
        </Box>
      )}
      <Typography variant="pi" textColor="neutral600">
        {preview.lastRelease
          ? `Dernier envoi : le ${preview.lastRelease.atText}, par ${preview.lastRelease.by}.`
          : 'Aucun envoi de décisions pour cette édition jusqu’ici.'}
      </Typography>
      <Typography variant="pi" textColor="neutral600">
        Un envoi ne se défait pas.
      </Typography>
    </Flex>
  );
}

/**
 * « Communiquer les décisions », with a confirmation: what will go out (per kind of mail, the changed
 * decisions), what stays undecided, the warnings, the last release. The server checks the count the
 * editor confirmed (`expected`) and answers a fresh preview when it has changed.
 */
export function ReleaseDecisionsButton({
  editionDocumentId,
  onReleased,
}: {
  editionDocumentId: string | undefined;
  onReleased: (released: number, message: string) => void;
}) {
  const { get, post } = useFetchClient();
  const [open, setOpen] = React.useState(false);
  const [preview, setPreview] = React.useState<ReleasePreview | null>(null);
  const [problem, setProblem] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);

  const openDialog = async () => {
    if (!editionDocumentId) return;
    setProblem(null);
    setPreview(null);
    setOpen(true);
    try {
      const res = await get<{ data: ReleasePreview }>(`/bluehats/editions/${editionDocumentId}/release-preview`);
      setPreview(res.data.data);
    } catch (error) {
      setProblem(failureMessage(error, "L'aperçu de l'envoi n'a pas pu être chargé."));
    }
  };

  const confirm = async () => {
    if (!editionDocumentId || !preview) return;
    setBusy(true);
    try {
      const res = await post<{ data: { released: number } }>(`/bluehats/editions/${editionDocumentId}/release-decisions`, {
        confirm: true,
        expected: preview.total,
      });
      const released = res.data.data.released;
      setOpen(false);
      onReleased(
        released,
        released === 0 ? 'Aucune décision à communiquer.' : `${frenchCount(released, 'décision communiquée', 'décisions communiquées')} aux intervenants.`
      );
    } catch (error) {
      const fresh = stalePreview(error);
      if (fresh) setPreview(fresh);
      setProblem(failureMessage(error, "Les décisions n'ont pas pu être communiquées."));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Button onClick={() => void openDialog()} disabled={!editionDocumentId}>
        Communiquer les décisions
      </Button>
      <Dialog.Content>
        <Dialog.Header>Communiquer les décisions ?</Dialog.Header>
        <Dialog.Body>
          <Flex direction="column" alignItems="stretch" gap={3} width="100%">
            {preview ? <Summary preview={preview} /> : !problem && <Typography>Calcul de l'envoi…</Typography>}
            {problem && (
              <Box background="danger100" hasRadius padding={3}>
                <Typography textColor="danger700">{problem}</Typography>
              </Box>
            )}
          </Flex>
        </Dialog.Body>
        <IrreversibleFooter label="Confirmer l'envoi" onConfirm={() => void confirm()} disabled={!preview || preview.total === 0} busy={busy} />
      </Dialog.Content>
    </Dialog.Root>
  );
}
