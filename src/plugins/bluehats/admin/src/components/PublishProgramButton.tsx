/**
 * « Publier le programme », with a confirmation: before the program date the publication is
 * scheduled (the embargo), at or after it a new numbered version goes out with its changelog.
 * Shown only to a role holding « Publier le programme » (`program.publish`): building the program
 * is not publishing it.
 */
import * as React from 'react';
import { Box, Button, Dialog, Flex, Typography } from '@strapi/design-system';
import { useFetchClient, useRBAC } from '@strapi/strapi/admin';
import { DateTime } from 'luxon';
import { failureMessage } from '../failure';
import { PERMISSIONS } from '../permissions';
import { IrreversibleFooter } from './IrreversibleFooter';
import { frenchCount, frenchDateAndTime } from '../../../../../domain/phrases';
import { versionLabel, type ProgramVersionView } from './ProgramVersions';

export interface ProgramPublication {
  published?: number;
  /** Sessions left unpublished: their proposer refused publication. */
  refused?: number;
  scheduled?: number;
  scheduledPublishAt?: string | null;
  version: ProgramVersionView | null;
}

/** What the page says after a publication. */
export function publicationText(result: ProgramPublication, zone: string): string {
  const refused = result.refused
    ? ` ${frenchCount(result.refused, 'session reste', 'sessions restent')} hors du programme public : leur intervenant en a refusé la publication.`
    : '';
  if (result.version) {
    const changes = result.version.changes.length;
    return `${versionLabel(result.version)} publiée${changes > 0 ? ` : ${frenchCount(changes, 'changement', 'changements')}` : ''}.${refused}`;
  }
  if (result.scheduled || result.scheduledPublishAt) {
    const at = result.scheduledPublishAt ? ` le ${frenchDateAndTime(DateTime.fromISO(result.scheduledPublishAt, { zone }))}` : ' à la date du programme';
    return `Publication programmée : le programme sera publié${at}, pas avant (${frenchCount(result.scheduled ?? 0, 'session', 'sessions')}).`;
  }
  return `Le programme publié est déjà à jour : aucune nouvelle version.${refused}`;
}

const PUBLISH_PERMISSIONS = { publish: PERMISSIONS.publishProgram };

export function PublishProgramButton({
  editionDocumentId,
  hasErrors,
  onPublished,
}: {
  editionDocumentId: string | undefined;
  hasErrors: boolean;
  onPublished: (result: ProgramPublication) => void;
}) {
  const { post } = useFetchClient();
  const [open, setOpen] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  const [problem, setProblem] = React.useState<string | null>(null);
  // useRBAC names an action after the last part of its id: `program.publish` is `canPublish`.
  const { allowedActions, isLoading } = useRBAC(PUBLISH_PERMISSIONS);

  const confirm = async () => {
    setBusy(true);
    try {
      const res = await post<{ data: ProgramPublication }>(`/bluehats/editions/${editionDocumentId}/program/publish`, {});
      setOpen(false);
      onPublished(res.data.data);
    } catch (error) {
      setProblem(failureMessage(error, "Le programme n'a pas pu être publié."));
    } finally {
      setBusy(false);
    }
  };

  if (isLoading || !allowedActions.canPublish) return null;
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next: boolean) => {
        setOpen(next);
        setProblem(null);
      }}
    >
      <Dialog.Trigger>
        <Button disabled={!editionDocumentId}>Publier le programme</Button>
      </Dialog.Trigger>
      <Dialog.Content>
        <Dialog.Header>Publier le programme ?</Dialog.Header>
        <Dialog.Body>
          <Flex direction="column" alignItems="stretch" gap={3} width="100%">
            <Typography>
              Les sessions placées sont publiées. Avant la date de publication du programme, la publication est programmée à cette date ; à partir d'elle,
              chaque publication crée une nouvelle version, avec la liste publique de ses changements.
            </Typography>
            {hasErrors && (
              <Typography textColor="danger700">Le programme a encore des conflits (en rouge) : le serveur refusera ce qu'ils concernent.</Typography>
            )}
            {problem && (
              <Box background="danger100" hasRadius padding={3}>
                <Typography textColor="danger700" role="alert">
                  {problem}
                </Typography>
              </Box>
            )}
          </Flex>
        </Dialog.Body>
        <IrreversibleFooter label="Publier" onConfirm={() => void confirm()} busy={busy} />
      </Dialog.Content>
    </Dialog.Root>
  );
}
