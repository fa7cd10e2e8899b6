using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Segments;

/// <summary>This feature's tables on the gym's one database, read as <c>db.Name</c>.</summary>
public static class SegmentTables
{
    extension(GymDbContext db)
    {
        public DbSet<Segment> Segments => db.Set<Segment>();
        public DbSet<SegmentCount> SegmentCounts => db.Set<SegmentCount>();
        public DbSet<SegmentMember> SegmentMembers => db.Set<SegmentMember>();
    }
}
