import { Box, Typography } from '@strapi/design-system';

export type Notice = { text: string; tone: 'success' | 'danger' };

/** What happened last: a success in green, a failure in red. */
export function NoticeBox({ notice }: { notice: Notice }) {
  return (
    <Box background={`${notice.tone}100`} borderColor={`${notice.tone}200`} padding={3} hasRadius>
      <Typography role={notice.tone === 'danger' ? 'alert' : 'status'} textColor={`${notice.tone}700`}>
        {notice.text}
      </Typography>
    </Box>
  );
}
