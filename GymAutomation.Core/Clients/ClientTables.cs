using GymAutomation.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Clients;

/// <summary>
/// This feature's tables on the gym's one database, read as <c>db.Name</c>: the kernel's <see cref="GymDbContext"/>
/// names no feature, each feature adds its own sets (and configures them in its configurations).
/// </summary>
public static class ClientTables
{
    extension(GymDbContext db)
    {
        public DbSet<Client> Clients => db.Set<Client>();
        public DbSet<StageChange> StageChanges => db.Set<StageChange>();
        public DbSet<Membership> Memberships => db.Set<Membership>();
        public DbSet<Visit> Visits => db.Set<Visit>();
        public DbSet<ClassBooking> ClassBookings => db.Set<ClassBooking>();
        public DbSet<Order> Orders => db.Set<Order>();
        public DbSet<Payment> Payments => db.Set<Payment>();
    }
}
