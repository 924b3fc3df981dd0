package io.jnatsd.jetstream.stream;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OrderedAcksTest {

    private final OrderedAcks<String> acks = new OrderedAcks<>();
    private final List<String> sent = new ArrayList<>();

    @Test
    void shouldHoldBackALaterReadySlot_untilTheEarlierOneIsFilled() {
        OrderedAcks.Slot<String> waitingForDisk = acks.reserve();
        OrderedAcks.Slot<String> storedNothing = acks.reserve();
        storedNothing.fill(List.of("error"));

        assertThat(acks.hasReady()).isFalse();
        acks.drainReady(sent::add);
        assertThat(sent).isEmpty();

        waitingForDisk.fill(List.of("ack 1", "ack 2"));
        assertThat(acks.hasReady()).isTrue();
        acks.drainReady(sent::add);
        assertThat(sent).containsExactly("ack 1", "ack 2", "error");
        assertThat(acks.hasReady()).isFalse();
    }

    @Test
    void shouldStopAtTheFirstEmptySlot_andSendTheRestLater() {
        OrderedAcks.Slot<String> first = acks.reserve();
        OrderedAcks.Slot<String> second = acks.reserve();
        OrderedAcks.Slot<String> third = acks.reserve();
        first.fill(List.of("a"));
        third.fill(List.of("c"));

        acks.drainReady(sent::add);
        assertThat(sent).containsExactly("a");

        second.fill(List.of("b"));
        acks.drainReady(sent::add);
        assertThat(sent).containsExactly("a", "b", "c");
    }
}
