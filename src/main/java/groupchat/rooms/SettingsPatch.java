package groupchat.rooms;

import java.util.Optional;

/**
 * Room settings to merge into the stored ones. A null field keeps the stored value; for the
 * fields an explicit JSON null resets, {@code Optional.empty()} is that reset (to the server's
 * default model, no room prompt, no budget of the room's own).
 */
public record SettingsPatch(String aiMode, Optional<String> aiModel, Optional<String> aiSystemPrompt,
                            Boolean aiWebSearch, Optional<Double> aiBudgetUsd) {}
