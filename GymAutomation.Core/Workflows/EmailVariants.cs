namespace GymAutomation.Core.Workflows;

/// <summary>Which variant of an A/B-tested email step a client gets.</summary>
public static class EmailVariants
{
    /// <summary>
    /// Null for a step without a variant B; the winner once one is declared; otherwise A or B by a hash of the step
    /// and the client: the same client always gets the same variant, and clients split about evenly.
    /// </summary>
    public static EmailVariant? For(WorkflowStep step, int clientId)
    {
        if (step.VariantSubject is null && step.VariantBody is null)
        {
            return null;
        }

        return step.Winner ?? ((Mix((uint)step.Id, (uint)clientId) & 1) == 0 ? EmailVariant.A : EmailVariant.B);
    }

    /// <summary>The variant's subject and body templates.</summary>
    public static (string Subject, string Body) Content(WorkflowStep step, EmailVariant? variant) =>
        variant == EmailVariant.B ? (step.VariantSubject ?? step.Subject, step.VariantBody ?? step.Body) : (step.Subject, step.Body);

    /// <summary>MurmurHash3's finaliser over the two ids: every input bit moves the low bit.</summary>
    private static uint Mix(uint stepId, uint clientId)
    {
        var h = (stepId * 0x9E3779B1u) ^ clientId;
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        h ^= h >> 16;
        return h;
    }
}
