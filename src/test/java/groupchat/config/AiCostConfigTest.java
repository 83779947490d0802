package groupchat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AI_MODELS, AI_MAX_TOKENS and the AI_BUDGET_* settings. */
class AiCostConfigTest {
    @Test
    void unsetMeansAnyModelNoBudgetsAnd2048Tokens() {
        AiCosts costs = ConfigLoader.load(Map.of()).aiCosts();
        assertEquals(List.of(), costs.models());
        assertEquals(2048, costs.maxTokens());
        assertNull(costs.userBudgetUsd());
        assertNull(costs.roomBudgetUsd());
        assertNull(costs.serverBudgetUsd());
    }

    @Test
    void allowlistAndBudgetsAreRead() {
        Config config = ConfigLoader.load(Map.of("AI_MODELS", " openai/gpt-4o-mini, anthropic/claude-3.5-sonnet:beta,"
                        + "~anthropic/claude-sonnet-latest,llama3", "AI_MAX_TOKENS", "512",
                "AI_BUDGET_USER_USD", "2.5", "AI_BUDGET_ROOM_USD", "10", "AI_BUDGET_SERVER_USD", "0"));
        assertEquals(List.of("openai/gpt-4o-mini", "anthropic/claude-3.5-sonnet:beta",
                "~anthropic/claude-sonnet-latest", "llama3"), config.aiCosts().models());
        assertEquals("openai/gpt-4o-mini", config.defaultModel(), "unset DEFAULT_MODEL: the first allowed one");
        assertEquals(512, config.aiCosts().maxTokens());
        assertEquals(2.5, config.aiCosts().userBudgetUsd());
        assertEquals(10.0, config.aiCosts().roomBudgetUsd());
        assertEquals(0.0, config.aiCosts().serverBudgetUsd());
    }

    @Test
    void anEntryThatIsNotAModelIdStopsTheStart() {
        for (String bad : new String[] {"gpt 4o", "openai/gpt-4o,", "a//b", "/x", "x/", "openai/gpt-4o;rm"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("AI_MODELS", bad)),
                    bad);
            assertTrue(e.getMessage().contains("AI_MODELS"), e.getMessage());
            assertTrue(e.getMessage().contains("is not a model id"), e.getMessage());
        }
    }

    @Test
    void defaultModelMustBeAllowed() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(
                "AI_MODELS", "a/one,b/two", "DEFAULT_MODEL", "c/three")));
        assertTrue(e.getMessage().contains("DEFAULT_MODEL 'c/three' is not in AI_MODELS"), e.getMessage());
        assertEquals("b/two", ConfigLoader.load(Map.of("AI_MODELS", "a/one,b/two", "DEFAULT_MODEL", "b/two"))
                .defaultModel());
    }

    @Test
    void budgetsAndMaxTokensMustBeSaneNumbers() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(
                "AI_BUDGET_USER_USD", "-1", "AI_BUDGET_ROOM_USD", "lots", "AI_BUDGET_SERVER_USD", "NaN",
                "AI_MAX_TOKENS", "0")));
        assertEquals(4, e.problems().size(), e.getMessage());
    }
}
