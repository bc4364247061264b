import { AlertCircle, CalendarClock, Check, CheckCheck, Clock } from "lucide-react";
import { useI18n } from "@/i18n/hooks/useI18n";
import type { MessageTick } from "@/modules/inbox/types/MessageTick";

/** The delivery mark of an outgoing message: clock, one tick, two ticks, two blue ticks, failed. */
export function MessageTicks({ tick }: { tick: MessageTick }) {
  const { t } = useI18n();
  if (tick === "none") return null;
  const label = t(`tick.${tick}`);
  const Icon = { scheduled: CalendarClock, pending: Clock, sent: Check, delivered: CheckCheck, read: CheckCheck, failed: AlertCircle }[tick];
  return (
    <span className={`ticks ticks-${tick}`} role="img" aria-label={label} title={label} data-status={tick}>
      <Icon size={15} aria-hidden="true" />
    </span>
  );
}
