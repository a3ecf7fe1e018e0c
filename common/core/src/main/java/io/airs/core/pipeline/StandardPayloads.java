package io.airs.core.pipeline;

/**
 * The standard payloads the benchmarks run: a 2 KB user prompt and a 4 KB model response of
 * ordinary business text (the common, benign case every request pays for), the response carrying
 * one e-mail address so that the redaction path is part of what is measured.
 */
public final class StandardPayloads {

    private static final String PROMPT_PARAGRAPH = "I am preparing the quarterly operations review for our regional"
            + " logistics team and need help structuring the document. We track on-time delivery, warehouse"
            + " utilisation, fuel cost per route and customer complaints. Last quarter on-time delivery dropped"
            + " from 94.2% to 91.7% after we changed carriers on two northern routes, while utilisation rose to"
            + " 83%. Please suggest an outline with an executive summary, a section per metric, the likely causes"
            + " of the change and three concrete actions for next quarter, and keep the tone factual. ";

    private static final String RESPONSE_PARAGRAPH = "Here is a proposed outline for the quarterly operations"
            + " review. 1. Executive summary: on-time delivery fell by 2.5 points after the carrier change on the"
            + " northern routes, utilisation improved to 83%, and fuel cost per route stayed within budget."
            + " 2. On-time delivery: compare the two changed routes with the rest of the network, week by week,"
            + " and separate carrier delays from loading delays at the depots. 3. Warehouse utilisation: explain"
            + " the rise by the new seasonal stock and show the effect on picking times. 4. Fuel cost: report the"
            + " cost per route and per delivered parcel, adjusted for the price index. 5. Customer complaints:"
            + " group them by cause and link the late-delivery complaints to the affected routes. ";

    private static final String PROMPT = build(PROMPT_PARAGRAPH, 2048, "");
    private static final String RESPONSE = build(
            RESPONSE_PARAGRAPH,
            4096,
            "For questions about the carrier data, contact the analytics desk at ops-analytics@example.com. ");

    private StandardPayloads() {}

    /** A benign 2048-character user prompt. */
    public static String prompt2k() {
        return PROMPT;
    }

    /** A 4096-character model response with one e-mail address in it. */
    public static String response4k() {
        return RESPONSE;
    }

    private static String build(String paragraph, int length, String insert) {
        StringBuilder sb = new StringBuilder(length + paragraph.length());
        sb.append(insert);
        while (sb.length() < length) {
            sb.append(paragraph);
        }
        sb.setLength(length);
        return sb.toString();
    }
}
