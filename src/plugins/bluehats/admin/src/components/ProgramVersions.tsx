/**
 * « Versions »: every published version of the program, newest first, with its public changelog
 * (the very texts the program page and the exports carry).
 */
import * as React from 'react';
import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { DateTime } from 'luxon';
import { frenchDateAndTime } from '../../../../../domain/phrases';
// Types only: the shapes are shared with the server.
import type { ProgramChange, Texts } from '../../../../../domain/program-versions';

export interface ProgramVersionView {
  number: number;
  label: string | Texts;
  releasedAt: string;
  changes: ProgramChange[];
}

export const versionLabel = (version: Pick<ProgramVersionView, 'number' | 'label'>): string =>
  typeof version.label === 'string' ? version.label : (version.label?.fr ?? `Version ${version.number}`);

/** One version: its label, when it went out, and what changed. */
export function VersionChanges({ version, zone }: { version: ProgramVersionView; zone: string }) {
  return (
    <Box tag="li" paddingBottom={3}>
      <Flex gap={2} alignItems="baseline" wrap="wrap">
        <Typography fontWeight="bold">{versionLabel(version)}</Typography>
        <Typography variant="pi" textColor="neutral600">
          publiée le {frenchDateAndTime(DateTime.fromISO(version.releasedAt, { zone }))}
        </Typography>
      </Flex>
      {version.changes.length === 0 ? (
        <Typography tag="p" variant="pi" textColor="neutral600">
          {version.number === 1 ? 'Première version publiée.' : 'Aucun changement visible du public.'}
        </Typography>
      ) : (
        <ul style={{ listStyle: 'disc', paddingLeft: 20 }}>
          {version.changes.map((change, i) => (
            <li key={`${change.id}-${change.kind}-${i}`}>
              <Typography>{change.text.fr}</Typography>
            </li>
          ))}
        </ul>
      )}
    </Box>
  );
}

export function ProgramVersions({ versions, zone }: { versions: ProgramVersionView[] | null; zone: string }) {
  return (
    <Box tag="section" aria-labelledby="programme-versions" background="neutral0" hasRadius shadow="tableShadow" padding={5}>
      <Flex gap={2} alignItems="center" paddingBottom={3}>
        <Typography variant="delta" tag="h2" id="programme-versions">
          Versions
        </Typography>
        {versions && versions.length > 0 && <Badge>{versionLabel(versions[0])}</Badge>}
      </Flex>
      {!versions ? (
        <Typography>Chargement…</Typography>
      ) : versions.length === 0 ? (
        <Typography textColor="neutral600">Aucune version publiée : le programme n'a pas encore été publié à sa date.</Typography>
      ) : (
        <ul>
          {versions.map((version) => (
            <VersionChanges key={version.number} version={version} zone={zone} />
          ))}
        </ul>
      )}
    </Box>
  );
}
