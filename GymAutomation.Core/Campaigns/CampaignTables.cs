using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Campaigns;

/// <summary>This feature's tables on the gym's one database, read as <c>db.Name</c>.</summary>
public static class CampaignTables
{
    extension(GymDbContext db)
    {
        public DbSet<Campaign> Campaigns => db.Set<Campaign>();
    }
}
