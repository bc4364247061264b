import { KeyRound } from "lucide-react";
import { useI18n } from "@/i18n/hooks/useI18n";
import type { ApiKeyAction } from "@/modules/ai/types/ApiKeyAction";
import { Button } from "@/ui/Button";
import { TextField } from "@/ui/TextField";

export type AiApiKeyFieldProps = {
  /** Whether a key is stored (the API shows it as "********", never its value). */
  isSet: boolean;
  action: ApiKeyAction;
  value: string;
  error?: string;
  disabled?: boolean;
  onChange: (action: ApiKeyAction, value: string) => void;
};

/**
 * The provider's key, which the panel can never read back: says whether one is saved, and
 * offers to replace it (a new value) or remove it; either takes effect on save.
 */
export function AiApiKeyField({ isSet, action, value, error, disabled, onChange }: AiApiKeyFieldProps) {
  const { t } = useI18n();
  const typing = action === "replace" || !isSet;
  return (
    <fieldset className="ai-fieldset ai-api-key">
      <legend>{t("ai.settings.apiKey")}</legend>
      <p className="row small" role="status">
        <KeyRound size={14} aria-hidden="true" />
        {action === "clear" ? (
          <span className="error-text">{t("ai.settings.apiKeyWillClear")}</span>
        ) : isSet ? (
          <span className="status-pill status-open">{t("ai.settings.apiKeySaved")}</span>
        ) : (
          <span className="status-pill status-resolved">{t("ai.settings.apiKeyNotSet")}</span>
        )}
      </p>
      {typing && action !== "clear" && (
        <TextField
          label={isSet ? t("ai.settings.apiKeyNew") : t("ai.settings.apiKeyValue")}
          hint={t("ai.settings.apiKeyHint")}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={value}
          error={error}
          disabled={disabled}
          required={isSet && action === "replace"}
          onChange={(event) => onChange(isSet || event.target.value ? "replace" : "keep", event.target.value)}
        />
      )}
      {!typing && error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {isSet && !disabled && (
        <div className="row">
          {action === "keep" ? (
            <>
              <Button size="sm" onClick={() => onChange("replace", "")}>
                {t("ai.settings.apiKeyReplace")}
              </Button>
              <Button size="sm" variant="danger" onClick={() => onChange("clear", "")}>
                {t("ai.settings.apiKeyClear")}
              </Button>
            </>
          ) : (
            <Button size="sm" variant="ghost" onClick={() => onChange("keep", "")}>
              {action === "clear" ? t("ai.settings.apiKeyUndoClear") : t("ai.settings.apiKeyKeep")}
            </Button>
          )}
        </div>
      )}
    </fieldset>
  );
}
