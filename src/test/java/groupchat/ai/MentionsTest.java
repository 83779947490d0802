package groupchat.ai;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MentionsTest {
    private final Mentions mentions = new Mentions("Robo");

    @Test
    void atAiOrAtNameAnywhereIsAMention() {
        assertTrue(mentions.mentionsAssistant("@ai what time is it?"));
        assertTrue(mentions.mentionsAssistant("hey @AI"));
        assertTrue(mentions.mentionsAssistant("ask @robo, please"));
        assertTrue(mentions.mentionsAssistant("(@Robo) and"));
        assertTrue(mentions.mentionsAssistant("@ai."));
        assertTrue(mentions.mentionsAssistant("@ai-"));
        assertTrue(mentions.mentionsAssistant("line one\n@ai line two"));
        assertTrue(mentions.mentionsAssistant("x @ai @ai"));
    }

    @Test
    void atPrecededByLetterDigitOrAtIsNotAMention() {
        assertFalse(mentions.mentionsAssistant("mail me at bob@ai.com"));
        assertFalse(mentions.mentionsAssistant("x1@ai"));
        assertFalse(mentions.mentionsAssistant("@@ai"));
        assertFalse(mentions.mentionsAssistant("é@ai"));
    }

    @Test
    void nameFollowedByLetterDigitOrUnderscoreIsNotAMention() {
        assertFalse(mentions.mentionsAssistant("@aim high"));
        assertFalse(mentions.mentionsAssistant("@ai2"));
        assertFalse(mentions.mentionsAssistant("@ai_bot"));
        assertFalse(mentions.mentionsAssistant("@robot"));
        assertFalse(mentions.mentionsAssistant("@aié"));
    }

    @Test
    void textWithoutAtIsNotAMention() {
        assertFalse(mentions.mentionsAssistant("ai please"));
        assertFalse(mentions.mentionsAssistant("Robo"));
        assertFalse(mentions.mentionsAssistant(""));
        assertFalse(mentions.mentionsAssistant(null));
        assertFalse(mentions.mentionsAssistant("@"));
    }

    @Test
    void aMentionLaterInTheTextCountsEvenAfterAFalseOne() {
        assertTrue(mentions.mentionsAssistant("bob@ai.com and @ai"));
        assertTrue(mentions.mentionsAssistant("@aim or @ai?"));
    }
}
