/**
 * One line on the home page: am I on call now (until when), or when is my
 * next shift, with a link to all my shifts. Says nothing when I have none.
 */
import { Link } from 'react-router-dom';
import { Instant } from '../../ui/instant';
import { useMyOnCall } from './schedules.api';

export function NextShiftBanner() {
  const mine = useMyOnCall(4);
  const data = mine.data;
  if (!data || (data.current.length === 0 && !data.next)) return null;
  const now = data.current[0];
  return (
    <p className="notice notice-info next-shift-banner" data-testid="next-shift-banner">
      {now ? (
        <>
          You are on call on <strong>{now.schedule.name}</strong> until <Instant iso={now.end} />.
        </>
      ) : (
        <>
          Your next shift: <strong>{data.next!.schedule.name}</strong> from <Instant iso={data.next!.start} />.
        </>
      )}{' '}
      <Link to="/app/oncall">My on-call shifts</Link>
    </p>
  );
}
