package groupchat.config;

import java.util.List;

/**
 * What the assistant may cost (API.md Part 2, "Operator control"). Budgets are USD per UTC
 * calendar month; null means no budget of that kind.
 *
 * @param models          AI_MODELS: the model ids rooms may use; empty means any
 * @param maxTokens       AI_MAX_TOKENS: {@code max_tokens} of every completion request
 * @param userBudgetUsd   AI_BUDGET_USER_USD: what the answers one user triggers may cost
 * @param roomBudgetUsd   AI_BUDGET_ROOM_USD: what the answers in one room may cost (owners may set less)
 * @param serverBudgetUsd AI_BUDGET_SERVER_USD: what all answers together may cost
 */
public record AiCosts(List<String> models, int maxTokens, Double userBudgetUsd, Double roomBudgetUsd,
                      Double serverBudgetUsd) {

    public boolean allows(String model) {
        return models.isEmpty() || models.contains(model);
    }
}
