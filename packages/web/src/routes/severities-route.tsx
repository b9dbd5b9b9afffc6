/** /app/settings/severities (admins): what each severity means and the response rules it sets. */
import { SeveritySettingsForm } from '../features/response/severity-settings-form';
import { useSeverities } from '../features/response/response.api';
import { ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';

export function SeveritiesRoute() {
  const severities = useSeverities();
  return (
    <>
      <PageHeader
        title="Severities"
        summary="Names and meanings are shown wherever a severity is chosen; the timers are the response rules for incidents of that severity."
      />
      <ErrorMessage error={severities.error} title="The severities could not be loaded:" />
      {!severities.data && !severities.error && <Loading what="severities" />}
      <div className="stack">
        {severities.data?.map((severity) => (
          <SeveritySettingsForm key={severity.key} severity={severity} onSaved={severities.reload} />
        ))}
      </div>
    </>
  );
}
