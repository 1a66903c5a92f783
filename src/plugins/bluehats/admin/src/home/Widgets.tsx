/** The home page's widgets: the call's essentials, from GET /bluehats/home. */
import { Badge, Box, Flex, Link, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { undecidedProposalsPath, useHome } from './useHome';

const UNDECIDED = { id: 'bluehats.home.undecided', defaultMessage: '{count, plural, one {# proposition sans décision} other {# propositions sans décision}}' };

function Loaded({ children }: { children: (home: NonNullable<ReturnType<typeof useHome>['data']>) => React.ReactNode }) {
  const { data, failed } = useHome();
  if (failed) return <Widget.Error />;
  if (!data) return <Widget.Loading />;
  return <>{children(data)}</>;
}

export const EditionsWidget = () => (
  <Loaded>
    {({ editions }) =>
      editions.length === 0 ? (
        <Widget.NoData>Aucune édition en cours.</Widget.NoData>
      ) : (
        <Flex direction="column" alignItems="stretch" gap={4} tag="ul">
          {editions.map((e) => (
            <Box key={e.documentId} tag="li">
              <Flex gap={2} wrap="wrap">
                <Typography fontWeight="bold">{e.title}</Typography>
                <Badge>{e.state.label}</Badge>
                {!e.published && <Badge>Brouillon</Badge>}
              </Flex>
              <Typography variant="pi" textColor="neutral600" tag="p">
                {e.nextBoundary ? `Prochaine étape : ${e.nextBoundary.label}, le ${e.nextBoundary.text}` : 'Plus aucune date à venir.'}
              </Typography>
            </Box>
          ))}
        </Flex>
      )
    }
  </Loaded>
);

export const UndecidedWidget = () => {
  const { formatMessage } = useIntl();
  return (
    <Loaded>
      {({ editions, undecided }) =>
        editions.length === 0 ? (
          <Widget.NoData>Aucune édition en cours.</Widget.NoData>
        ) : (
          <Flex direction="column" alignItems="stretch" gap={3}>
            <Typography variant="beta" tag="p">
              {formatMessage(UNDECIDED, { count: undecided })}
            </Typography>
            <Flex direction="column" alignItems="stretch" gap={2} tag="ul">
              {editions.map((e) => (
                <li key={e.documentId}>
                  <Typography>{e.title} : </Typography>
                  {e.undecided > 0 ? (
                    <Link tag={RouterLink} to={undecidedProposalsPath(e.documentId)}>
                      {formatMessage(UNDECIDED, { count: e.undecided })}
                    </Link>
                  ) : (
                    <Typography textColor="neutral600">aucune proposition sans décision</Typography>
                  )}
                </li>
              ))}
            </Flex>
          </Flex>
        )
      }
    </Loaded>
  );
};

export const RebuildFailuresWidget = () => {
  const { formatDate } = useIntl();
  return (
    <Loaded>
      {({ rebuildFailures }) =>
        rebuildFailures.length === 0 ? (
          <Widget.NoData>Aucun échec de reconstruction.</Widget.NoData>
        ) : (
          <Flex direction="column" alignItems="stretch" gap={3} tag="ul">
            {rebuildFailures.map((f, i) => (
              <Box key={i} tag="li">
                <Typography fontWeight="bold">{f.target}</Typography>
                <Typography variant="pi" tag="p">
                  {/* A French reason, when the server words one; else the last error as recorded. */}
                  {f.reason ?? f.lastError ?? 'Échec sans message'}
                </Typography>
                <Typography variant="pi" textColor="neutral600" tag="p">
                  {formatDate(new Date(f.at), { dateStyle: 'long', timeStyle: 'short' })}
                </Typography>
              </Box>
            ))}
          </Flex>
        )
      }
    </Loaded>
  );
};
