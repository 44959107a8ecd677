import { useEffect, useMemo, useState } from 'react';
import { errorText } from '../api/client.ts';
import { chinaToday } from '../state/time-slider-dates.ts';
import { ReportContext, reportTools, useReportTools } from './report-context.ts';
import { formatReportLocation, reportLocation } from './report-model.ts';
import { ReportPage } from './report-page.tsx';
import { useDailyReport, usePlans, useProgress, useReportSession } from './use-report.ts';

/**
 * `/report?date=YYYY-MM-DD&lang=en`: the daily report for signed-in users (the dashboard's session cookie). The
 * date and language live in the URL, so a report link opens on the same day; without a date it is today's.
 */
export function ReportApp() {
  const initial = useMemo(() => reportLocation(window.location.search), []);
  const [date, setDate] = useState<string | null>(initial.date);
  const [language, setLanguage] = useState(initial.language);
  const tools = useMemo(() => reportTools(language), [language]);
  const session = useReportSession();
  const signedIn = session.status === 'ready';
  const [report, reloadReport] = useDailyReport(date, signedIn);
  const [plans, reloadPlans] = usePlans(signedIn);
  const [planRevision, setPlanRevision] = useState(0);
  const progress = useProgress(signedIn, String(planRevision));

  useEffect(() => {
    window.history.replaceState(null, '', formatReportLocation(date, language));
  }, [date, language]);
  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en-GB';
    document.title = tools.t('documentTitle', { date: report.status === 'ready' ? report.data.date : '' });
  }, [language, tools, report]);
  useEffect(() => {
    const back = () => setDate(reportLocation(window.location.search).date);
    window.addEventListener('popstate', back);
    return () => window.removeEventListener('popstate', back);
  }, []);

  const user = session.status === 'ready' ? session.data : null;
  let content: React.ReactNode;
  if (session.status === 'signed-out' || report.status === 'signed-out') {
    content = <SignInNeeded language={language} />;
  } else if (report.status === 'ready') {
    content = (
      <ReportPage
        report={report.data}
        requestedDate={date}
        today={chinaToday()}
        loading={date !== null && date !== report.data.date}
        progress={progress.status === 'ready' ? progress.data : null}
        plans={plans.status === 'ready' ? plans.data : null}
        planCsrfToken={user?.user.role === 'hq' ? user.csrfToken : null}
        onDate={setDate}
        onLanguage={setLanguage}
        onPlanSaved={() => {
          reloadPlans();
          reloadReport();
          setPlanRevision((value) => value + 1);
        }}
      />
    );
  } else if (report.status === 'error') {
    content = (
      <ReportMessage
        text={errorText(report.error, language)}
        onRetry={reloadReport}
        onToday={() => setDate(null)}
      />
    );
  } else {
    content = <ReportMessage text={null} />;
  }
  return <ReportContext value={tools}>{content}</ReportContext>;
}

function SignInNeeded({ language }: { language: 'zh' | 'en' }) {
  const { t } = useReportTools();
  return (
    <main className="report report-message" data-testid="report-signed-out">
      <p>{t('signInNeeded')}</p>
      <a className="report-button report-button--primary" href={language === 'en' ? '/?lang=en' : '/'}>
        {t('signInLink')}
      </a>
    </main>
  );
}

function ReportMessage({
  text,
  onRetry,
  onToday,
}: {
  text: string | null;
  onRetry?(): void;
  onToday?(): void;
}) {
  const { t } = useReportTools();
  return (
    <main className="report report-message" data-testid={text ? 'report-error' : 'report-loading'}>
      <p role={text ? 'alert' : 'status'}>{text ? t('error', { message: text }) : t('loading')}</p>
      {onRetry && (
        <p>
          <button type="button" className="report-button" onClick={onRetry}>
            {t('retry')}
          </button>{' '}
          <button type="button" className="report-button" onClick={onToday}>
            {t('today')}
          </button>
        </p>
      )}
    </main>
  );
}
