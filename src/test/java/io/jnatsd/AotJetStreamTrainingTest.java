package io.jnatsd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JetStream phase of the AOT training runs to its end: a training that stopped early would leave the cache
 * without the profiles it is there for, and nothing else would notice.
 */
@Timeout(60)
class AotJetStreamTrainingTest {

    @Test
    void shouldDrainEveryRoundsStreamThroughEachConsumer() throws Exception {
        // Enough messages that a push consumer's flow-control window fills and its request is answered.
        int messages = 8_000;

        AotJetStreamTraining.Counts counts = new AotJetStreamTraining(2, messages).run();

        assertThat(counts.published()).isEqualTo(2L * messages);
        assertThat(counts.pushed()).isEqualTo(2L * 2 * messages);
        assertThat(counts.pulled()).isEqualTo(2L * 3 * messages);
    }
}
