import { useI18n } from "@/i18n/hooks/useI18n";
import { useRealtimeStatus } from "@/modules/realtime/hooks/useRealtimeStatus";

/** A small dot saying whether new messages arrive live. */
export function RealtimeIndicator() {
  const { t } = useI18n();
  const status = useRealtimeStatus();
  const text = t(status === "live" ? "realtime.live" : status === "connecting" ? "realtime.connecting" : "realtime.offline");
  return (
    <span className={`realtime realtime-${status}`} role="status" title={text}>
      <span className="realtime-dot" aria-hidden="true" />
      <span className="realtime-text">{text}</span>
    </span>
  );
}
